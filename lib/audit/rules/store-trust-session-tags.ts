import { AuditLevel, AuditRule, trustStatements } from '../audit-rule';

/** What each kind of EKS Pod Identity trust must pin, by principal. */
const REQUIRED: { principal: (s: any) => boolean; keys: string[]; what: string }[] = [
  {
    // A store role assumed by the ESO controller's role (role chaining).
    principal: s => s.Principal?.AWS !== undefined,
    keys: ['aws:RequestTag/esoNamespace', 'aws:RequestTag/esoStoreName'],
    what: 'the session tags ESO (2.5.0 or later, sessionTagsPolicy: Simple) sets for the store, so a SecretStore in another namespace that names the role is refused',
  },
  {
    // A role the Pod Identity agent assumes for a pod.
    principal: s => [].concat(s.Principal?.Service ?? []).includes('pods.eks.amazonaws.com' as never),
    keys: ['aws:RequestTag/eks-cluster-arn', 'aws:RequestTag/kubernetes-namespace', 'aws:RequestTag/kubernetes-service-account'],
    what: 'the cluster, namespace and ServiceAccount Pod Identity tags the session with, so only the ESO controller of this cluster gets it',
  },
];

/** An EKS Pod Identity trust (store role or controller role) that any store or pod could satisfy. */
export const StoreTrustSessionTags: AuditRule = {
  id: 'NX12',
  level: AuditLevel.ERROR,
  description: 'A Pod Identity role is trusted without the session-tag conditions that tie it to one store (or to the ESO controller).',
  check(input) {
    const findings: { resource: string; message: string }[] = [];
    for (const [id, s] of trustStatements(input)) {
      if (s.Effect !== 'Allow' || ![].concat(s.Action ?? []).includes('sts:AssumeRole' as never)) continue;
      for (const rule of REQUIRED) {
        if (!rule.principal(s)) continue;
        const pinned = Object.keys(s.Condition?.StringEquals ?? {});
        const missing = rule.keys.filter(k => !pinned.includes(k));
        if (missing.length > 0) {
          findings.push({ resource: `aws_iam_role.${id}`, message: `trusts sts:AssumeRole without StringEquals on ${missing.join(', ')}: pin ${rule.what}.` });
        }
      }
    }
    return findings;
  },
};
