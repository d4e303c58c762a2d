import { SecretManagerSecret } from '@cdktf/provider-google/lib/secret-manager-secret';
import { SecretManagerSecretIamMember } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import {
  BackendKind, IdentityKind, NoxusSecretsError, RemoteKeyScheme, WorkloadIdentity, addressOf, assertDnsLabel, esoServiceAccountName, storeEntries,
} from '../../core';
import { idOf } from '../construct-id';
import { auditStackOnSynth } from '../audit-on-synth';
import { CloudSideProps } from '../cloud-side-props';
import { GcpReplication } from './gcp-replication';

/** Props of the GCP side of the platform's secrets. */
export interface NoxusGcpSecretsProps extends CloudSideProps {
  /** `WorkloadIdentity.gkeWorkloadIdentity(...)`: the GSAs the ServiceAccounts are annotated with, or the direct form. */
  readonly identity: WorkloadIdentity;
  /**
   * Where payloads are replicated, and with which CMEK keys.
   * @default GcpReplication.automatic()
   */
  readonly replication?: GcpReplication;
  /**
   * The project number, required with `direct: true` identities (principal:// members name it).
   * @default - none
   */
  readonly projectNumber?: string;
  /**
   * Pub/Sub topic (`projects/P/topics/T`) that receives rotation notices; every secret with a rotation period then gets one.
   * @default - no rotation settings (periods stay in the model for the audit)
   */
  readonly rotationTopic?: string;
  /**
   * First rotation time (RFC 3339, e.g. '2027-01-01T00:00:00Z'), required with rotationTopic.
   * @default - none
   */
  readonly firstRotationTime?: string;
  /**
   * Labels on every secret (keys and values: lowercase letters, digits, '_' and '-').
   * @default - only the library's own labels
   */
  readonly labels?: Record<string, string>;
}

/** One secret the construct created. */
export interface GcpSecretRef {
  /** 'platform/NAME', 'workers/NAME' or 'pools/<pool>/NAME'. */
  readonly address: string;
  /** The secret ID (what ExternalSecrets read). */
  readonly secretId: string;
  /** The secret's resource ID (a Terraform reference). */
  readonly id: string;
}

const LABEL = /^[a-z0-9_-]{0,63}$/;

/**
 * The GCP side: one Secret Manager secret per entry of the blueprint, named
 * by the scheme the ExternalSecrets read, and per store a Google service
 * account that the store's Kubernetes ServiceAccount may impersonate, granted
 * `roles/secretmanager.secretAccessor` on exactly that store's secrets (never
 * project-wide). With a direct identity, the grant goes to the Kubernetes
 * ServiceAccount's principal and no GSA is made.
 */
export class NoxusGcpSecrets extends Construct {
  /** Every secret, sorted by address. */
  public readonly secrets: GcpSecretRef[];
  private readonly gsas = new Map<string, ServiceAccount>();

  constructor(scope: Construct, id: string, props: NoxusGcpSecretsProps) {
    super(scope, id);
    auditStackOnSynth(this, props.blueprint, props.audit);
    const path = this.node.path;
    const subject = 'NoxusGcpSecrets';
    const { backend, identity, blueprint } = props;
    if (backend.kind !== BackendKind.GCP_SECRET_MANAGER) {
      throw NoxusSecretsError.at(path, `${subject}: backend ${JSON.stringify(backend.kind)} is not GCP Secret Manager. Use SecretBackend.gcpSecretManager(...).`);
    }
    identity.assertCompatible(backend, path);
    assertDnsLabel(subject, 'namespace', props.namespace, path);
    if (identity.kind === IdentityKind.GKE_WORKLOAD_IDENTITY && identity.direct && !/^\d{6,20}$/.test(props.projectNumber ?? '')) {
      throw NoxusSecretsError.at(path, `${subject}: projectNumber ${JSON.stringify(props.projectNumber)} is not a project number, and direct ` +
        'grants name it in their principal:// members. Pass the number of the project whose workload pool the cluster uses (gcloud projects describe).');
    }
    if (props.rotationTopic !== undefined) {
      if (!/^projects\/[^/]+\/topics\/[^/]+$/.test(props.rotationTopic)) {
        throw NoxusSecretsError.at(path, `${subject}: rotationTopic ${JSON.stringify(props.rotationTopic)} is not a Pub/Sub topic name. Use projects/<project>/topics/<topic>.`);
      }
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(props.firstRotationTime ?? '')) {
        throw NoxusSecretsError.at(path, `${subject}: firstRotationTime ${JSON.stringify(props.firstRotationTime)} is not an RFC 3339 UTC time, and ` +
          'Secret Manager needs one with a rotation period. Use e.g. "2027-01-01T00:00:00Z".');
      }
    }
    for (const [k, v] of Object.entries(props.labels ?? {})) {
      if (!LABEL.test(k) || k === '' || !LABEL.test(v)) {
        throw NoxusSecretsError.at(path, `${subject}: label ${JSON.stringify(k)}: ${JSON.stringify(v)} is not a GCP label ` +
          "(keys 1-63 and values 0-63 of lowercase letters, digits, '_' and '-'). Rename it.");
      }
    }
    const scheme = NoxusSecretsError.within(path, () => new RemoteKeyScheme(blueprint, backend, props.remoteKeys));
    const replication = (props.replication ?? GcpReplication.automatic())._toConfig();
    const stores = storeEntries(blueprint);

    const byAddress = new Map<string, SecretManagerSecret>();
    const refs: GcpSecretRef[] = [];
    for (const { address, key, entry } of scheme.all()) {
      const rotation = props.rotationTopic && entry.secret.rotation
        ? { rotationPeriod: `${entry.secret.rotation.days * 86400}s`, nextRotationTime: props.firstRotationTime }
        : undefined;
      const secret = new SecretManagerSecret(this, `Secret-${idOf(address)}`, {
        secretId: key,
        project: backend.projectId,
        replication,
        labels: {
          ...(props.labels ?? {}),
          'noxus-managed-by': 'noxus-secrets-cdk',
          'noxus-env-name': entry.name.toLowerCase(),
          'noxus-scope': address.split('/').slice(0, -1).join('-'),
        },
        ...(rotation ? { rotation, topics: [{ name: props.rotationTopic! }] } : {}),
      });
      byAddress.set(address, secret);
      refs.push({ address, secretId: key, id: secret.id });
      new TerraformOutput(this, `SecretId-${idOf(address)}`, { value: secret.id, description: `Secret ${key}` });
    }
    this.secrets = refs;

    const workloadPool = `${identity.clusterProjectId ?? identity.projectId}.svc.id.goog`;
    for (const store of stores) {
      const ksa = esoServiceAccountName(store.storeId);
      let member: string;
      if (identity.direct) {
        member = `principal://iam.googleapis.com/projects/${props.projectNumber}/locations/global/workloadIdentityPools/${workloadPool}/subject/ns/${props.namespace}/sa/${ksa}`;
      } else {
        const email = identity.gsaEmail(store.storeId);
        const gsa = new ServiceAccount(this, `Gsa-${store.storeId}`, {
          accountId: email.split('@')[0],
          project: identity.projectId,
          displayName: `Noxus ESO ${store.storeId}`,
          description: `Reads the Noxus ${store.storeId} secrets for External Secrets Operator`,
        });
        new ServiceAccountIamMember(this, `WorkloadIdentityUser-${store.storeId}`, {
          serviceAccountId: gsa.name,
          role: 'roles/iam.workloadIdentityUser',
          member: `serviceAccount:${workloadPool}[${props.namespace}/${ksa}]`,
        });
        this.gsas.set(store.storeId, gsa);
        new TerraformOutput(this, `GsaEmail-${store.storeId}`, { value: gsa.email, description: `GSA of the ${store.storeId} store` });
        member = `serviceAccount:${email}`;
      }
      const addresses = [...new Set(store.entries.map(addressOf))];
      for (const address of addresses) {
        new SecretManagerSecretIamMember(this, `Accessor-${store.storeId}-${idOf(address)}`, {
          secretId: byAddress.get(address)!.secretId,
          project: backend.projectId,
          role: 'roles/secretmanager.secretAccessor',
          member,
        });
      }
    }
  }

  /** The email of a store's Google service account (a Terraform reference); throws with a direct identity. */
  public gsaEmail(storeId: string): string {
    const gsa = this.gsas.get(storeId);
    if (!gsa) {
      throw NoxusSecretsError.at(this.node.path, `NoxusGcpSecrets: no Google service account for store ${JSON.stringify(storeId)} ` +
        `(stores with one: ${[...this.gsas.keys()].join(', ') || 'none, the identity is direct'}).`);
    }
    return gsa.email;
  }
}
