#!/usr/bin/env bash
# Prints the filesystem mirror of Terraform providers on this machine (the folder that holds
# registry.terraform.io), for `npm run test:terraform` offline: NOXUS_TF_PLUGIN_MIRROR="$(scripts/find-terraform-mirror.sh)".
# Prints nothing where the CLI config (TF_CLI_CONFIG_FILE, else ~/.terraformrc) already names a
# filesystem_mirror, which the suite reads itself, or where there is no mirror (the registry is then used).
set -euo pipefail
config="${TF_CLI_CONFIG_FILE:-$HOME/.terraformrc}"
if [ -f "$config" ] && grep -Eq '^[^#]*filesystem_mirror' "$config"; then exit 0; fi
# A working directory's .terraform/providers is an install, not a mirror.
# find exits non-zero for folders it may not read; what it printed still counts.
found="$({ find / -maxdepth 4 \( -path /proc -o -path /sys -o -path '*/.terraform' \) -prune -o -type d -name registry.terraform.io -print 2>/dev/null || true; } | sort | head -n 1)"
if [ -n "$found" ]; then dirname "$found"; fi
