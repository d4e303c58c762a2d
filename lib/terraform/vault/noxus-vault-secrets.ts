import { KubernetesAuthBackendRole } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { Mount } from '@cdktf/provider-vault/lib/mount';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import {
  BackendKind, IdentityKind, NoxusSecretsError, RemoteKeyScheme, WorkloadIdentity, assertDnsLabel, esoServiceAccountName, kvReadPath, readOnlyPolicy, storeEntries,
} from '../../core';
import { auditStackOnSynth } from '../audit-on-synth';
import { CloudSideProps } from '../cloud-side-props';


/** Props of the Vault side of the platform's secrets. */
export interface NoxusVaultSecretsProps extends CloudSideProps {
  /** `WorkloadIdentity.vaultKubernetes(...)`: the auth mount and role names the stores use. */
  readonly identity: WorkloadIdentity;
  /**
   * Create the KV mount; otherwise it must exist.
   * @default false
   */
  readonly createMount?: boolean;
  /**
   * Lifetime of the tokens the roles issue, in seconds.
   * @default 3600
   */
  readonly tokenTtlSeconds?: number;
  /**
   * Audience the ServiceAccount tokens must carry.
   * @default - not checked
   */
  readonly audience?: string;
}

/**
 * The Vault side: optionally the KV mount, and per store a policy with read
 * on exactly its secrets' paths and a Kubernetes auth role bound to exactly
 * its ServiceAccount and namespace. The Kubernetes auth method itself must be
 * enabled and configured for the cluster.
 */
export class NoxusVaultSecrets extends Construct {
  /** Each store's policy (HCL), by store ID. */
  public readonly policies: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: NoxusVaultSecretsProps) {
    super(scope, id);
    auditStackOnSynth(this, props.blueprint, props.audit);
    const path = this.node.path;
    const subject = 'NoxusVaultSecrets';
    const { backend, identity, blueprint } = props;
    if (backend.kind !== BackendKind.VAULT) {
      throw NoxusSecretsError.at(path, `${subject}: backend ${JSON.stringify(backend.kind)} is not HashiCorp Vault. Use SecretBackend.vault(...).`);
    }
    if (identity.kind !== IdentityKind.VAULT_KUBERNETES) {
      throw NoxusSecretsError.at(path, `${subject}: identity ${JSON.stringify(identity.kind)} is not Vault Kubernetes auth. Use WorkloadIdentity.vaultKubernetes(...).`);
    }
    assertDnsLabel(subject, 'namespace', props.namespace, path);
    const ttl = props.tokenTtlSeconds ?? 3600;
    if (!Number.isInteger(ttl) || ttl < 60 || ttl > 86400) {
      throw NoxusSecretsError.at(path, `${subject}: tokenTtlSeconds ${ttl} is out of range (60 to 86400; ESO logs in again when a token expires). Use e.g. 3600.`);
    }
    const scheme = NoxusSecretsError.within(path, () => new RemoteKeyScheme(blueprint, backend, props.remoteKeys));
    const mount = props.createMount
      ? new Mount(this, 'Mount', {
        path: backend.mountPath!, type: 'kv', options: { version: backend.version === 'v1' ? '1' : '2' },
        description: 'Noxus platform secrets',
      })
      : undefined;

    for (const store of storeEntries(blueprint)) {
      const paths = [...new Set(store.entries.map(e => kvReadPath(backend, scheme.keyOf(e))))];
      const policyText = readOnlyPolicy(paths);
      this.policies[store.storeId] = policyText;
      const role = identity.vaultRole(store.storeId);
      const policy = new Policy(this, `Policy-${store.storeId}`, { name: role, policy: policyText, dependsOn: mount ? [mount] : undefined });
      new KubernetesAuthBackendRole(this, `Role-${store.storeId}`, {
        backend: identity.authMountPath,
        roleName: role,
        boundServiceAccountNames: [esoServiceAccountName(store.storeId)],
        boundServiceAccountNamespaces: [props.namespace],
        tokenPolicies: [policy.name],
        tokenTtl: ttl,
        ...(props.audience ? { audience: props.audience } : {}),
      });
      new TerraformOutput(this, `Role-${store.storeId}-name`, { value: role, description: `Vault role of the ${store.storeId} store` });
    }
  }
}
