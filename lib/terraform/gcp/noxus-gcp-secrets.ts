import { PubsubTopicIamMember, SecretManagerSecret, SecretManagerSecretIamMember, ServiceAccount, ServiceAccountIamMember } from '../flavour/google';
import { Annotations, TerraformOutput } from '../flavour/core';
import { Construct, IConstruct } from 'constructs';
import {
  ISecretsGrantee, CLOUD_LIMITS, GcpSecretManagerBackend, GkeWorkloadIdentity, NoxusSecretsError, Store, assertNoTemplate, rotationDaysOf,
} from '../../core';
import { idOf } from '../construct-id';
import { GcpGrantee } from './gcp-grantee';
import { createHash } from 'crypto';
import { CloudSideProps, NoxusCloudSecrets } from '../noxus-cloud-secrets';
import { GcpReplication } from './gcp-replication';
import { checkOnSynth } from '../../core/synth-checks';
import { isReference } from '../references';
import { grouped } from '../../core/numbers';

/** Props of the GCP side of the platform's secrets. */
export interface NoxusGcpSecretsProps extends CloudSideProps {
  /**
   * Where payloads are replicated, and with which CMEK keys.
   * @default GcpReplication.automatic()
   */
  readonly replication?: GcpReplication;
  /**
   * The project number, required with `direct: true` identities (principal:// members name it) and with
   * `rotationTopic` (Secret Manager's service agent, which publishes the notices, is named by it).
   * @default - none
   */
  readonly projectNumber?: string;
  /**
   * Pub/Sub topic (`projects/P/topics/T`) that receives rotation notices; every secret with a rotation period then gets one.
   * Secret Manager's service agent (`service-<projectNumber>@gcp-sa-secretmanager.iam.gserviceaccount.com`) is given
   * `roles/pubsub.publisher` on the topic, without which creating those secrets fails.
   * @default - no rotation settings (periods stay in the model for the audit)
   */
  readonly rotationTopic?: string;
  /**
   * First rotation time (RFC 3339, e.g. '2027-01-01T00:00:00Z'), required with rotationTopic.
   * @default - none
   */
  readonly firstRotationTime?: string;
  /**
   * The cluster's workload identity pool, e.g. a reference to the cluster's
   * `workload_identity_config[0].workload_pool`.
   * @default '<clusterProjectId or projectId>.svc.id.goog'
   */
  readonly workloadPool?: string;
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

// Secret Manager labels (Secret.labels): keys [\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}, values [\p{Ll}\p{Lo}\p{N}_-]{0,63},
// each at most 128 bytes of UTF-8; at most 64 labels on a secret.
const LABEL_KEY = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const LABEL_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;
const MAX_LABELS = 64;
/** The labels the library puts on a secret (a scope's secret has no env name). */
const OWN_LABELS = ['noxus-managed-by', 'noxus-env-name', 'noxus-scope'];
// Pub/Sub (resource names): projects/<project>/topics/<topic>; a topic ID starts with a letter, 3-255 of letters, digits and
// - _ . ~ + %, and does not start with 'goog'.
const TOPIC = /^projects\/(?:[a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]\/topics\/([A-Za-z][A-Za-z0-9_.~+%-]{2,254})$/;

/**
 * The GCP side: one Secret Manager secret per entry of the blueprint, named
 * by the scheme the ExternalSecrets read, and per store a Google service
 * account that the store's Kubernetes ServiceAccount may impersonate, granted
 * `roles/secretmanager.secretAccessor` on exactly that store's secrets (never
 * project-wide). With a direct identity, the grant goes to the Kubernetes
 * ServiceAccount's principal and no GSA is made.
 */
export class NoxusGcpSecrets extends NoxusCloudSecrets {
  protected readonly readsSourceSecrets = true;
  /** Every secret, sorted by address. */
  public readonly secrets: GcpSecretRef[];
  private readonly gsas = new Map<string, ServiceAccount>();
  private readonly byAddress = new Map<string, SecretManagerSecret>();
  private readonly projectId: string;
  private grantCount = 0;
  /** The principals each secret's allow policy names, by the secret's ID (a remote key, or a source secret's key). */
  private readonly principals = new Map<string, Set<string>>();
  /** Each address's secret ID. */
  private readonly remoteKeys = new Map<string, string>();

  constructor(scope: Construct, id: string, props: NoxusGcpSecretsProps) {
    super(scope, id, 'NoxusGcpSecrets', props);
    const path = this.node.path;
    const subject = this.subject;
    const { contract } = this;
    const backend = contract.backend;
    if (!(backend instanceof GcpSecretManagerBackend)) {
      throw NoxusSecretsError.at(path, `${subject}: backend ${JSON.stringify(backend?.kind)} is not GCP Secret Manager. Use SecretBackend.gcpSecretManager(...).`);
    }
    const identity = contract.identity;
    if (!(identity instanceof GkeWorkloadIdentity)) {
      throw NoxusSecretsError.at(path, `${subject}: identity ${JSON.stringify(identity?.kind)} is not GKE Workload Identity. Use WorkloadIdentity.gkeWorkloadIdentity(...).`);
    }
    this.projectId = backend.projectId;
    if (identity.direct && !isReference(props.projectNumber) && !/^\d{6,20}$/.test(props.projectNumber ?? '')) {
      throw NoxusSecretsError.at(path, `${subject}: projectNumber ${JSON.stringify(props.projectNumber)} is not a project number, and direct ` +
        'grants name it in their principal:// members. Pass the number of the project whose workload pool the cluster uses (gcloud projects describe).');
    }
    if (props.rotationTopic !== undefined) {
      if (!isReference(props.rotationTopic)) {
        assertNoTemplate(subject, 'rotationTopic', props.rotationTopic, path);
        const topic = TOPIC.exec(props.rotationTopic);
        if (!topic || topic[1].toLowerCase().startsWith('goog')) {
          throw NoxusSecretsError.at(path, `${subject}: rotationTopic ${JSON.stringify(props.rotationTopic)} is not a Pub/Sub topic name ` +
            '(projects/<project ID>/topics/<topic ID>; a topic ID is 3-255 of letters, digits and - _ . ~ + %, starts with a letter and not with "goog"). ' +
            'Use e.g. "projects/noxus-prod/topics/secret-rotation", or the topic\'s id attribute.');
        }
      }
      if (!isReference(props.firstRotationTime) && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(props.firstRotationTime ?? '')) {
        throw NoxusSecretsError.at(path, `${subject}: firstRotationTime ${JSON.stringify(props.firstRotationTime)} is not an RFC 3339 UTC time, and ` +
          'Secret Manager needs one with a rotation period. Use e.g. "2027-01-01T00:00:00Z".');
      }
      if (props.projectNumber === undefined || (!isReference(props.projectNumber) && !/^\d{6,20}$/.test(props.projectNumber))) {
        throw NoxusSecretsError.at(path, `${subject}: rotationTopic needs projectNumber ${props.projectNumber === undefined ? '(missing)' : JSON.stringify(props.projectNumber)}: ` +
          'Secret Manager publishes rotation notices as its service agent, service-<project number>@gcp-sa-secretmanager.iam.gserviceaccount.com, which must ' +
          'hold roles/pubsub.publisher on the topic or creating the secrets fails. Pass the project number (a literal, or data.google_project.number).');
      }
      if (!isReference(props.firstRotationTime) && Date.parse(props.firstRotationTime!) <= Date.now()) {
        throw NoxusSecretsError.at(path, `${subject}: firstRotationTime ${JSON.stringify(props.firstRotationTime)} is in the past, and Secret Manager ` +
          'rejects a next rotation time that is not in the future. Use a time after the deploy.');
      }
    }
    const labels = Object.entries(props.labels ?? {});
    for (const [k, v] of labels) {
      const bad = (text: string, rule: RegExp) => !isReference(text) && (!rule.test(text) || Buffer.byteLength(text) > 128);
      if (bad(k, LABEL_KEY) || bad(v, LABEL_VALUE)) {
        throw NoxusSecretsError.at(path, `${subject}: label ${JSON.stringify(k)}: ${JSON.stringify(v)} is not a GCP label ` +
          "(key: a lowercase letter, then up to 62 lowercase letters, digits, '_' and '-'; value: up to 63 of those; each at most 128 bytes). Rename it.");
      }
      if (OWN_LABELS.includes(k)) {
        throw NoxusSecretsError.at(path, `${subject}: label ${JSON.stringify(k)} is one the library sets on every secret (${OWN_LABELS.join(', ')}), ` +
          'and its value would replace yours. Use another key.');
      }
    }
    if (labels.length + OWN_LABELS.length > MAX_LABELS) {
      throw NoxusSecretsError.at(path, `${subject}: labels has ${labels.length} labels, and with the library's ${OWN_LABELS.length} a secret would have ` +
        `${labels.length + OWN_LABELS.length}, over the ${MAX_LABELS} Secret Manager allows. Remove some.`);
    }
    const replication = (props.replication ?? GcpReplication.automatic())._toConfig();
    const workloadPool = props.workloadPool ?? `${identity.clusterProjectId ?? identity.projectId}.svc.id.goog`;
    if (!isReference(workloadPool) && !/^[a-z][a-z0-9-]{4,28}[a-z0-9]\.svc\.id\.goog$/.test(workloadPool)) {
      throw NoxusSecretsError.at(path, `${subject}: workloadPool ${JSON.stringify(workloadPool)} is not a GKE workload pool (<project-id>.svc.id.goog). ` +
        'Use the cluster\'s workload_identity_config workload_pool.');
    }

    // Secret Manager checks that it may publish to the topic when a secret with rotation is created.
    const publisher = props.rotationTopic === undefined ? undefined : new PubsubTopicIamMember(this, 'RotationPublisher', {
      topic: props.rotationTopic, role: 'roles/pubsub.publisher', member: `serviceAccount:service-${props.projectNumber}@gcp-sa-secretmanager.iam.gserviceaccount.com`,
    });
    const refs: GcpSecretRef[] = [];
    this.build(({ address, key, entry, fields }) => {
      // A scope's secret (RemoteKeyLayout.PER_STORE) rotates as a whole, on the shortest period of its keys.
      const days = rotationDaysOf(this.contract.blueprint, { address, key, entry, fields });
      const rotation = props.rotationTopic && days !== undefined
        ? { rotationPeriod: `${days * 86400}s`, nextRotationTime: props.firstRotationTime }
        : undefined;
      const secret = new SecretManagerSecret(this, `Secret-${idOf(address)}`, {
        secretId: key,
        project: this.projectId,
        replication,
        labels: {
          ...(props.labels ?? {}),
          'noxus-managed-by': 'noxus-secrets-cdk',
          // Label values are at most 63 characters: longer derived values end in a hash of the whole.
          ...(fields
            ? { 'noxus-scope': labelValue(address.split('/').join('-')) }
            : { 'noxus-env-name': labelValue(entry.name.toLowerCase()), 'noxus-scope': labelValue(address.split('/').slice(0, -1).join('-')) }),
        },
        ...(rotation ? { rotation, topics: [{ name: props.rotationTopic! }], dependsOn: [publisher!] } : {}),
      });
      this.byAddress.set(address, secret);
      refs.push({ address, secretId: key, id: secret.id });
      this.remoteKeys.set(address, key);
      return { id: secret.id, description: `Secret ${key}` };
    }, store => {
      const ksa = store.serviceAccountName;
      let member: string;
      if (identity.direct) {
        member = `principal://iam.googleapis.com/projects/${props.projectNumber}/locations/global/workloadIdentityPools/${workloadPool}/subject/ns/${this.namespace}/sa/${ksa}`;
      } else {
        const gsa = new ServiceAccount(this, `Gsa-${store.id}`, {
          accountId: store.identity.principalName!,
          project: identity.projectId,
          displayName: `Noxus ESO ${store.id}`,
          description: `Reads the Noxus ${store.id} secrets for External Secrets Operator`,
        });
        new ServiceAccountIamMember(this, `WorkloadIdentityUser-${store.id}`, {
          serviceAccountId: gsa.name,
          role: 'roles/iam.workloadIdentityUser',
          member: `serviceAccount:${workloadPool}[${this.namespace}/${ksa}]`,
        });
        this.gsas.set(store.id, gsa);
        new TerraformOutput(this, `GsaEmail-${store.id}`, { value: gsa.email, description: `GSA of the ${store.id} store` });
        member = `serviceAccount:${gsa.email}`;
      }
      this.accessors(`Accessor-${store.id}`, store.remoteKeys.map(k => k.address), member);
      // The existing secrets its composed values read: one accessor binding on each, never project-wide.
      store.sourceSecrets.forEach((src, i) => {
        this.countPrincipal(src.key, member);
        new SecretManagerSecretIamMember(this, `Source-${store.id}-${i}`, {
          secretId: src.key, project: this.projectId, role: 'roles/secretmanager.secretAccessor', member,
        });
      });
    });
    this.secrets = refs;
    // Projects hold 100 service accounts by default (a quota): the GSAs go into the identity's project.
    const saQuota = CLOUD_LIMITS.gcpServiceAccountsPerProject;
    if (this.gsas.size > saQuota.value) {
      Annotations.of(this).addWarning(`${subject}: this construct makes ${grouped(this.gsas.size)} Google service accounts (one per store) in project ` +
        `${JSON.stringify(identity.projectId)}, and a project holds ${grouped(saQuota.value)} by default, its other service accounts included. To fit, ${saQuota.fix}.`);
    }
    // An allow policy holds at most 1,500 principals (fixed): counted per secret at synth, grants made after construction included.
    checkOnSynth(this, () => allowPolicyProblems(this.principals, subject), { firstChecksAll: true });
  }

  /** A store's Google service account; throws with a direct identity. */
  public serviceAccount(store: Store): ServiceAccount {
    const id = this.storeArg('serviceAccount', store).id;
    const gsa = this.gsas.get(id);
    if (!gsa) {
      throw NoxusSecretsError.at(this.node.path, `NoxusGcpSecrets: store ${JSON.stringify(id)} has no Google service account, because the identity is direct ` +
        '(secrets are granted to the Kubernetes ServiceAccount\'s principal). Use the principal, or an identity without direct.');
    }
    return gsa;
  }

  /** The email of a store's Google service account (a Terraform reference); throws with a direct identity. */
  public gsaEmail(store: Store): string {
    return this.serviceAccount(store).email;
  }

  protected readonly grantCloud = 'gcp';

  /** One `roles/secretmanager.secretAccessor` binding per secret for the grantee's member, never project-wide. */
  protected grantTo(_target: Store | string, addresses: string[], grantee: ISecretsGrantee): IConstruct[] {
    return this.accessors(`Grant-${this.grantCount++}`, addresses, (grantee as GcpGrantee).member);
  }

  private countPrincipal(secretId: string, member: string): void {
    if (!this.principals.has(secretId)) this.principals.set(secretId, new Set());
    this.principals.get(secretId)!.add(member);
  }

  private accessors(idPrefix: string, addresses: string[], member: string): SecretManagerSecretIamMember[] {
    for (const address of addresses) this.countPrincipal(this.remoteKeys.get(address)!, member);
    return addresses.map(address => new SecretManagerSecretIamMember(this, `${idPrefix}-${idOf(address)}`, {
      secretId: this.byAddress.get(address)!.secretId,
      project: this.projectId,
      role: 'roles/secretmanager.secretAccessor',
      member,
    }));
  }
}

/** A GCP label value (at most 63 characters): a longer one keeps its start and ends in a hash of the whole. */
function labelValue(value: string): string {
  if (value.length <= 63) return value;
  return `${value.slice(0, 56)}-${createHash('sha256').update(value).digest('hex').slice(0, 6)}`;
}

/** The secrets whose allow policy would name more principals than GCP allows, as messages. */
function allowPolicyProblems(principals: Map<string, Set<string>>, subject: string): string[] {
  const limit = CLOUD_LIMITS.gcpAllowPolicyPrincipals;
  return [...principals].filter(([, m]) => m.size > limit.value).map(([secret, m]) =>
    `${subject}: the allow policy of secret ${JSON.stringify(secret)} would name ${grouped(m.size)} principals ` +
    `(each store and grant that reads it), and GCP allows ${grouped(limit.value)} ${limit.what}, fixed. To fit, ${limit.fix}.`);
}
