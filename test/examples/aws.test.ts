import { synthesizedExamples } from '../support/examples';

const examples = synthesizedExamples();
const k8s = () => examples.k8s('aws');
const terraform = () => examples.terraform('aws');

test('the cdktf app writes Terraform JSON offline', () => {
  expect(Object.keys(terraform().resource).sort()).toEqual(['aws_iam_role', 'aws_iam_role_policy', 'aws_kms_alias', 'aws_kms_key', 'aws_secretsmanager_secret']);
});

test('every ServiceAccount role annotation names a role the Terraform creates', () => {
  const roleNames = new Set(Object.values<any>(terraform().resource.aws_iam_role).map(r => r.name));
  const annotated = k8s().filter(m => m.kind === 'ServiceAccount').map(m => m.metadata.annotations['eks.amazonaws.com/role-arn']);
  expect(annotated).toHaveLength(3);
  for (const arn of annotated) expect(roleNames.has(arn.replace('arn:aws:iam::123456789012:role/', ''))).toBe(true);
});

test('every ExternalSecret remote key names a secret the Terraform declares', () => {
  const names = new Set(Object.values<any>(terraform().resource.aws_secretsmanager_secret).map(s => s.name));
  const keys = k8s().filter(m => m.kind === 'ExternalSecret').flatMap(m => m.spec.data.map((d: any) => d.remoteRef.key));
  expect(keys).toHaveLength(13);
  for (const key of keys) expect(names.has(key)).toBe(true);
});

test('every trust subject names a ServiceAccount the manifests create, in their namespace', () => {
  const accounts = new Set(k8s().filter(m => m.kind === 'ServiceAccount').map(m => `system:serviceaccount:${m.metadata.namespace}:${m.metadata.name}`));
  const subjects = Object.values<any>(terraform().resource.aws_iam_role)
    .map(r => JSON.parse(r.assume_role_policy).Statement[0].Condition.StringEquals)
    .map(c => Object.entries<string>(c).find(([k]) => k.endsWith(':sub'))![1]);
  expect(subjects).toHaveLength(3);
  for (const s of subjects) expect(accounts.has(s)).toBe(true);
});
