import { synthesizedExamples } from '../support/examples';

const examples = synthesizedExamples();
const k8s = () => examples.k8s('gcp');
const terraform = () => examples.terraform('gcp');

test('every GSA annotation names a GSA the Terraform creates', () => {
  const gsas = new Set(Object.values<any>(terraform().resource.google_service_account).map(g => `${g.account_id}@${g.project}.iam.gserviceaccount.com`));
  const annotated = k8s().filter(m => m.kind === 'ServiceAccount').map(m => m.metadata.annotations['iam.gke.io/gcp-service-account']);
  expect(annotated).toHaveLength(3);
  for (const email of annotated) expect(gsas.has(email)).toBe(true);
});

test('every ExternalSecret remote key names a secret the Terraform declares', () => {
  const ids = new Set(Object.values<any>(terraform().resource.google_secret_manager_secret).map(s => s.secret_id));
  const keys = k8s().filter(m => m.kind === 'ExternalSecret').flatMap(m => m.spec.data.map((d: any) => d.remoteRef.key));
  expect(keys).toHaveLength(13);
  for (const key of keys) expect(ids.has(key)).toBe(true);
});

test('every workloadIdentityUser member names a ServiceAccount the manifests create', () => {
  const accounts = new Set(k8s().filter(m => m.kind === 'ServiceAccount').map(m => `serviceAccount:noxus-prod.svc.id.goog[${m.metadata.namespace}/${m.metadata.name}]`));
  const members = Object.values<any>(terraform().resource.google_service_account_iam_member).map(b => b.member);
  expect(members).toHaveLength(3);
  for (const m of members) expect(accounts.has(m)).toBe(true);
});
