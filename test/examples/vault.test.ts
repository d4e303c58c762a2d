import { synthesizedExamples } from '../support/examples';

const examples = synthesizedExamples();
const k8s = () => examples.k8s('vault');
const terraform = () => examples.terraform('vault');

test('every store logs in with a role the Terraform creates, bound to the ServiceAccount that store uses', () => {
  const roles = Object.values<any>(terraform().resource.vault_kubernetes_auth_backend_role);
  const stores = k8s().filter(m => m.kind === 'SecretStore');
  expect(stores).toHaveLength(3);
  for (const s of stores) {
    const auth = s.spec.provider.vault.auth.kubernetes;
    const role = roles.find(r => r.role_name === auth.role);
    expect(role).toBeDefined();
    expect(role.backend).toBe(auth.mountPath);
    expect(role.bound_service_account_names).toEqual([auth.serviceAccountRef.name]);
    expect(role.bound_service_account_namespaces).toEqual([s.metadata.namespace]);
  }
});

test('every ExternalSecret reads a path its store\'s policy grants, and nothing else is granted', () => {
  const tf = terraform();
  const policyOf = (role: string) => Object.values<any>(tf.resource.vault_policy).find(p => p.name === role).policy as string;
  const stores = new Map(k8s().filter(m => m.kind === 'SecretStore').map(s => [s.metadata.name, s.spec.provider.vault]));
  for (const es of k8s().filter(m => m.kind === 'ExternalSecret')) {
    const store = stores.get(es.spec.secretStoreRef.name)!;
    const granted = [...policyOf(store.auth.kubernetes.role).matchAll(/path "([^"]+)"/g)].map(m => m[1]).sort();
    const read = es.spec.data.map((d: any) => `${store.path}/data/${d.remoteRef.key}`).sort();
    expect(granted).toEqual(read);
  }
});
