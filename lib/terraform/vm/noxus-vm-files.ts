import { File, SensitiveFile } from '../flavour/local';
import * as path from 'path';
import { DataResource, Fn, TerraformVariable } from '../flavour/core';
import { Construct } from 'constructs';
import { NoxusSecretsError, assertKind, assertProps, childPath, shown } from '../../core';
import { terraformText } from '../references';
import { ENV_VALUE_RULE, VmBundle, envValuePattern } from '../../vm';
import { AuditOptions } from '../../audit';
import { auditMessagesOf, auditOnSynth } from '../noxus-cloud-secrets';

/** Props of the VM files written by Terraform's local provider. */
export interface NoxusVmFilesProps {
  /** The files to write. */
  readonly bundle: VmBundle;
  /**
   * Directory the bundle's absolute paths are placed under, on the machine that runs Terraform.
   * @default '/' (Terraform runs on the VM itself)
   */
  readonly root?: string;
  /**
   * Render the env files with values from sensitive Terraform variables
   * (`TF_VAR_noxus_<file>_<key>`), as 0600 sensitive files. The values then
   * live in the Terraform state: keep the state encrypted and access-controlled.
   * @default false (the env files are written as templates without values)
   */
  readonly valuesFromVariables?: boolean;
  /**
   * The security audit that runs on synth over this construct (its settings hold for it alone).
   * @default - on, with no acknowledgements
   */
  readonly audit?: AuditOptions;
}

/**
 * The VM bundle written with Terraform's local provider: every file with its
 * mode, then its owner (the local provider sets none: a `terraform_data` runs
 * the bundle's `chown` commands, so Terraform runs as root on the VM), and
 * optionally the env files rendered from sensitive variables.
 */
export class NoxusVmFiles extends Construct {
  /** The variable names that carry values, by env file path (empty unless valuesFromVariables). */
  public readonly variables: Record<string, string[]> = {};

  private readonly audit: AuditOptions;
  private readonly bundle: VmBundle;

  constructor(scope: Construct, id: string, props: NoxusVmFilesProps) {
    const at = childPath(scope, id);
    assertProps('NoxusVmFiles', props, '{ bundle: new VmBundle({ ... }) }', at);
    if (!(props.bundle instanceof VmBundle)) {
      throw NoxusSecretsError.at(at, `NoxusVmFiles: bundle ${shown(props.bundle)} is not a VmBundle. Pass bundle: new VmBundle({ ... }).`);
    }
    assertKind('NoxusVmFiles', 'root', props.root, 'string', '"/"', at);
    assertKind('NoxusVmFiles', 'valuesFromVariables', props.valuesFromVariables, 'boolean', 'true', at);
    super(scope, id);
    this.bundle = props.bundle;
    this.audit = props.audit ?? {};
    auditOnSynth(this, this.audit);
    const root = props.root ?? '/';
    if (!path.isAbsolute(root)) {
      throw NoxusSecretsError.at(this.node.path, `NoxusVmFiles: root ${JSON.stringify(root)} is not an absolute path. Use e.g. "/" or "/srv/noxus-staging".`);
    }
    const envFiles = new Map(props.bundle.envFiles.map(f => [f.path, f]));
    props.bundle.files().forEach((f, i) => {
      const filename = path.join(root, f.path);
      const envFile = envFiles.get(f.path);
      if (envFile && props.valuesFromVariables) {
        const base = path.basename(f.path, '.env');
        const names: string[] = [];
        const lines = envFile.entries.map(e => {
          const name = `noxus_${base}_${e.name.toLowerCase()}`;
          const variable = new TerraformVariable(this, name, {
            type: 'string', sensitive: true, nullable: false,
            description: `${e.name} for ${path.basename(f.path)}${e.secret.optional ? ' (optional)' : ''}`,
            ...(e.secret.optional ? { default: '' } : {}),
          });
          variable.overrideLogicalId(name);
          // The value is unknown at synth: Terraform checks the rule at plan, with the same RE2 pattern as the agent's templates.
          variable.addValidation({
            // cdktf writes a string argument into the expression as it is: HCL needs its backslashes escaped.
            condition: Fn.can(Fn.regex(envValuePattern().replace(/\\/g, '\\\\'), variable.stringValue)),
            errorMessage: `${name} (${e.name} in ${f.path}) breaks the env-file rule: ${ENV_VALUE_RULE}. ` +
              'Store the value base64-encoded (and decode it in the service), or choose one without that character.',
          });
          names.push(name);
          return `${e.name}='${variable.stringValue}'`;
        });
        this.variables[f.path] = names;
        new SensitiveFile(this, `File${i}`, { filename, content: terraformText(`${lines.join('\n')}\n`), filePermission: '0600', directoryPermission: '0700' });
      } else {
        // The files hold shell (`${key}`) and templates of their own: Terraform must read them as text.
        new File(this, `File${i}`, { filename: terraformText(filename), content: terraformText(f.content), filePermission: f.mode, directoryPermission: '0755' });
      }
    });
    const files = this.node.children.filter((c): c is File | SensitiveFile => c instanceof File || c instanceof SensitiveFile);
    const command = ['set -e', ...props.bundle.permissionCommands(root)].join('\n');
    new DataResource(this, 'Owners', {
      // Again whenever a file is written anew (local_file replaces its file, and the owner with it).
      triggersReplace: { files: files.map(f => f.id) },
      dependsOn: files,
      provisioners: [{ type: 'local-exec', command: terraformText(command), interpreter: ['/bin/sh', '-c'] }],
    });
  }

  /** @internal */
  public _noxusAuditMessages(): string[] {
    return auditMessagesOf(this, this.bundle.blueprint, this.audit);
  }
}

