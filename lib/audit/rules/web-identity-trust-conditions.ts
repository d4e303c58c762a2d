import { AuditLevel, AuditRule, trustStatements } from '../audit-rule';

/** A web-identity trust without :sub and :aud lets any ServiceAccount of the cluster (or any audience) assume the role. */
export const WebIdentityTrustConditions: AuditRule = {
  id: 'NX6',
  level: AuditLevel.ERROR,
  description: 'A role trusts web identities without StringEquals on both :sub and :aud.',
  check(input) {
    const findings: { resource: string; message: string }[] = [];
    for (const [id, s] of trustStatements(input)) {
      if (![].concat(s.Action ?? []).includes('sts:AssumeRoleWithWebIdentity' as never)) continue;
      const eq = Object.keys(s.Condition?.StringEquals ?? {});
      for (const suffix of [':sub', ':aud']) {
        if (!eq.some(k => k.endsWith(suffix))) {
          findings.push({ resource: `aws_iam_role.${id}`, message: `trusts web identities without a StringEquals condition on <issuer>${suffix}. Pin it (system:serviceaccount:<ns>:<sa>, sts.amazonaws.com).` });
        }
      }
    }
    // A trust derived in Terraform (the provider ARN is a reference): its aws_iam_policy_document.
    for (const doc of input.terraform ?? []) {
      for (const [id, d] of Object.entries<any>(doc?.data?.aws_iam_policy_document ?? {})) {
        for (const st of [].concat(d.statement ?? [])) {
          const s: any = st;
          if (![].concat(s.actions ?? []).includes('sts:AssumeRoleWithWebIdentity' as never)) continue;
          const eq = [].concat(s.condition ?? []).filter((c: any) => c.test === 'StringEquals').map((c: any) => String(c.variable));
          for (const suffix of [':sub', ':aud']) {
            if (!eq.some(v => v.endsWith(suffix))) {
              findings.push({ resource: `data.aws_iam_policy_document.${id}`, message: `trusts web identities without a StringEquals condition on <issuer>${suffix}. Pin it (system:serviceaccount:<ns>:<sa>, sts.amazonaws.com).` });
            }
          }
        }
      }
    }
    return findings;
  },
};
