import { KubernetesAuthBackendRole, Mount, Policy } from '../flavour/vault';
import { TerraformOutput } from '../flavour/core';
import { Construct, IConstruct } from 'constructs';
import { ISecretsGrantee, NoxusSecretsError, Store, VaultBackend, VaultKubernetesIdentity, VaultKvVersion, kvReadPath, readOnlyPolicy } from '../../core';
import { CloudSideProps, NoxusCloudSecrets } from '../noxus-cloud-secrets';
import { isReference, terraformText } from '../references';
import { VaultGrantee } from './vault-grantee';

/** Props of the Vault side of the platform's secrets. */
export interface NoxusVaultSecretsProps extends CloudSideProps {
  /**
   * Create the KV mount; otherwise it must exist.
   * @default false
   */
  readonly createMount?: boolean;
  /**
   * Lifetime of the tokens the roles issue, in seconds; also their maximum (`token_max_ttl`):
   * ESO never renews a Vault token, it logs in again when one has less than a minute left, so a
   * token that could be renewed past its TTL would only outlive its use if stolen.
   * @default 3600
   */
  readonly tokenTtlSeconds?: number;
}

/**
 * The Vault side: optionally the KV mount, and per store a policy with read
 * on exactly its secrets' paths and a Kubernetes auth role bound to exactly
 * its ServiceAccount, namespace and token audience. The Kubernetes auth method itself must be
 * enabled and configured for the cluster.
 */
export class NoxusVaultSecrets extends NoxusCloudSecrets {
  /** Each store's policy (HCL), by store ID. */
  public readonly policies: Record<string, string> = {};
  private readonly roles = new Map<string, KubernetesAuthBackendRole>();
  private readonly paths = new Map<string, string>();
  private readonly mount?: Mount;
  protected readonly readsSourceSecrets = true;
  private grantCount = 0;

  constructor(scope: Construct, id: string, props: NoxusVaultSecretsProps) {
    super(scope, id, 'NoxusVaultSecrets', props);
    const path = this.node.path;
    const subject = this.subject;
    const { contract } = this;
    const backend = contract.backend;
    if (!(backend instanceof VaultBackend)) {
      throw NoxusSecretsError.at(path, `${subject}: backend ${JSON.stringify(backend?.kind)} is not HashiCorp Vault. Use SecretBackend.vault(...).`);
    }
    const identity = contract.identity;
    if (!(identity instanceof VaultKubernetesIdentity)) {
      throw NoxusSecretsError.at(path, `${subject}: identity ${JSON.stringify(identity?.kind)} is not Vault Kubernetes auth. Use WorkloadIdentity.vaultKubernetes(...).`);
    }
    const ttl = props.tokenTtlSeconds ?? 3600;
    if (!isReference(ttl) && (!Number.isInteger(ttl) || ttl < 60 || ttl > 86400)) {
      throw NoxusSecretsError.at(path, `${subject}: tokenTtlSeconds ${ttl} is out of range (60 to 86400; ESO logs in again when a token expires). Use e.g. 3600.`);
    }
    this.mount = props.createMount
      ? new Mount(this, 'Mount', {
        path: backend.mountPath, type: 'kv', options: { version: backend.version === VaultKvVersion.V1 ? '1' : '2' },
        description: 'Noxus platform secrets',
      })
      : undefined;

    this.build(({ address, key }) => {
      const read = kvReadPath(backend, key);
      this.paths.set(address, read);
      return { id: read, description: `Vault API path of ${address}` };
    }, store => {
      // The store's own paths, and those of the existing secrets its composed values read.
      const policyText = readOnlyPolicy([...store.remoteKeys.map(k => this.paths.get(k.address)!), ...store.sourceSecrets.map(src => kvReadPath(backend, src.key))]);
      this.policies[store.id] = policyText;
      const roleName = identity.bind(store).principalName;
      const policy = new Policy(this, `Policy-${store.id}`, { name: roleName, policy: policyText, dependsOn: this.mount ? [this.mount] : undefined });
      this.roles.set(store.id, new KubernetesAuthBackendRole(this, `Role-${store.id}`, {
        backend: identity.authMountPath,
        roleName,
        boundServiceAccountNames: [store.serviceAccountName],
        boundServiceAccountNamespaces: [this.namespace],
        tokenPolicies: [policy.name],
        tokenTtl: ttl,
        tokenMaxTtl: ttl,
        // The audience the store's TokenRequest asks for (the identity's, serviceAccountRef.audiences).
        audience: terraformText(identity.audience),
      }));
      new TerraformOutput(this, `Role-${store.id}-name`, { value: roleName, description: `Vault role of the ${store.id} store` });
    });
  }

  /** A store's Kubernetes auth role. */
  public role(store: Store): KubernetesAuthBackendRole {
    return this.roles.get(this.storeArg('role', store).id)!;
  }

  protected readonly grantCloud = 'vault';

  /** A read-only policy, named as the grantee says, on exactly the granted paths: attach it to a role of yours. */
  protected grantTo(_target: Store | string, addresses: string[], grantee: ISecretsGrantee): IConstruct[] {
    return [new Policy(this, `Grant-${this.grantCount++}`, {
      name: (grantee as VaultGrantee).policyName,
      policy: readOnlyPolicy(addresses.map(a => this.paths.get(a)!)),
      dependsOn: this.mount ? [this.mount] : undefined,
    })];
  }
}
