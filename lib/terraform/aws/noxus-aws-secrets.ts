import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import {
  BackendKind, IdentityKind, NoxusSecretsError, RemoteKeyScheme, WorkloadIdentity, addressOf, assertDnsLabel, esoServiceAccountName, storeEntries,
} from '../../core';
import { idOf } from '../construct-id';
import { auditStackOnSynth } from '../audit-on-synth';
import { CloudSideProps } from '../cloud-side-props';
import {
  PARAMETER_STORE_READ, SECRETS_MANAGER_READ, assumeRolesPolicy, assumedByRoleTrustPolicy, irsaTrustPolicy, podIdentityTrustPolicy, readPolicy,
} from './iam-policies';

/** Props of the AWS side of the platform's secrets. */
export interface NoxusAwsSecretsProps extends CloudSideProps {
  /** `WorkloadIdentity.irsa(...)` or `WorkloadIdentity.eksPodIdentity(...)`: the account and role names the ServiceAccounts are annotated with. */
  readonly identity: WorkloadIdentity;
  /**
   * The cluster's IAM OIDC provider ARN, required for IRSA.
   * @default - none (required with IRSA)
   */
  readonly oidcProviderArn?: string;
  /**
   * The EKS cluster, required for Pod Identity (the association of the ESO controller's role).
   * @default - none (required with Pod Identity)
   */
  readonly clusterName?: string;
  /**
   * Namespace of the External Secrets Operator controller, for Pod Identity.
   * @default 'external-secrets'
   */
  readonly esoNamespace?: string;
  /**
   * ServiceAccount of the External Secrets Operator controller, for Pod Identity.
   * @default 'external-secrets'
   */
  readonly esoServiceAccount?: string;
  /**
   * A customer-managed KMS key to encrypt the secrets with.
   * @default - a new key with yearly rotation on, and an alias 'alias/<prefix>-secrets'
   */
  readonly kmsKeyArn?: string;
  /**
   * Days Secrets Manager keeps a deleted secret (0 deletes at once, else 7 to 30).
   * @default 30
   */
  readonly recoveryWindowInDays?: number;
  /**
   * The Lambda that rotates secrets; every secret with a rotation period then rotates on it.
   * @default - no rotation resources (periods stay in the model for the audit)
   */
  readonly rotationLambdaArn?: string;
  /**
   * Let stores list secrets, for ExternalSecrets with dataFrom.find (the list actions have no resource-level permission).
   * @default false
   */
  readonly allowFind?: boolean;
  /**
   * Tags on every resource that takes them.
   * @default - only the library's own tags
   */
  readonly tags?: Record<string, string>;
}

/** One secret container the construct created. */
export interface AwsSecretRef {
  /** 'platform/NAME', 'workers/NAME' or 'pools/<pool>/NAME'. */
  readonly address: string;
  /** The secret's or parameter's name. */
  readonly name: string;
  /** Its ARN (a Terraform reference). */
  readonly arn: string;
}

const DESCRIPTION_PREFIX = 'Noxus platform secret';

/**
 * The AWS side: one Secrets Manager secret (or SecureString parameter) per
 * entry of the blueprint, named by the same scheme the ExternalSecrets read,
 * encrypted with a customer-managed key, and one IAM role per store that can
 * read exactly that store's secrets, trusted only by that store's identity.
 */
export class NoxusAwsSecrets extends Construct {
  /** The KMS key ARN that encrypts the secrets. */
  public readonly kmsKeyArn: string;
  /** Every secret container, sorted by address. */
  public readonly secrets: AwsSecretRef[];
  /** The ESO controller's role (Pod Identity only). */
  public readonly controllerRoleArn?: string;
  private readonly roles = new Map<string, IamRole>();
  private readonly byAddress = new Map<string, AwsSecretRef>();

  constructor(scope: Construct, id: string, props: NoxusAwsSecretsProps) {
    super(scope, id);
    auditStackOnSynth(this, props.blueprint, props.audit);
    const path = this.node.path;
    const subject = 'NoxusAwsSecrets';
    const { backend, identity, blueprint } = props;
    if (backend.kind !== BackendKind.AWS_SECRETS_MANAGER && backend.kind !== BackendKind.AWS_PARAMETER_STORE) {
      throw NoxusSecretsError.at(path, `${subject}: backend ${JSON.stringify(backend.kind)} is not an AWS backend. ` +
        'Use SecretBackend.awsSecretsManager(...) or SecretBackend.awsParameterStore(...).');
    }
    identity.assertCompatible(backend, path);
    assertDnsLabel(subject, 'namespace', props.namespace, path);
    const irsa = identity.kind === IdentityKind.IRSA;
    if (irsa && !/^arn:[^:]+:iam::\d{12}:oidc-provider\/.+$/.test(props.oidcProviderArn ?? '')) {
      throw NoxusSecretsError.at(path, `${subject}: oidcProviderArn ${JSON.stringify(props.oidcProviderArn)} is not an IAM OIDC provider ARN, ` +
        'and IRSA trust policies need it (arn:aws:iam::<account>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<id>). ' +
        'Pass the cluster\'s OIDC provider ARN.');
    }
    if (!irsa && !props.clusterName) {
      throw NoxusSecretsError.at(path, `${subject}: clusterName is missing, and EKS Pod Identity associates the ESO controller's role with a cluster. ` +
        'Pass the EKS cluster name.');
    }
    const recovery = props.recoveryWindowInDays ?? 30;
    if (!(recovery === 0 || (Number.isInteger(recovery) && recovery >= 7 && recovery <= 30))) {
      throw NoxusSecretsError.at(path, `${subject}: recoveryWindowInDays ${recovery} is not allowed by Secrets Manager (0, or 7 to 30). Use e.g. 30.`);
    }
    const scheme = NoxusSecretsError.within(path, () => new RemoteKeyScheme(blueprint, backend, props.remoteKeys));
    const tags = { ...(props.tags ?? {}), 'noxus:managed-by': 'noxus-secrets-cdk' };

    if (props.kmsKeyArn !== undefined) {
      this.kmsKeyArn = props.kmsKeyArn;
    } else {
      const key = new KmsKey(this, 'Key', {
        description: `Encrypts the Noxus platform secrets (${scheme.prefix})`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        tags,
      });
      new KmsAlias(this, 'KeyAlias', { name: `alias/${scheme.prefix}-secrets`, targetKeyId: key.keyId });
      this.kmsKeyArn = key.arn;
    }

    for (const { address, key, entry } of scheme.all()) {
      const secretTags = { ...tags, 'noxus:env-name': entry.name, 'noxus:scope': address.split('/').slice(0, -1).join('/') };
      const description = `${DESCRIPTION_PREFIX} ${entry.name}${entry.secret.description ? `: ${entry.secret.description}` : ''}`;
      let arn: string;
      if (backend.kind === BackendKind.AWS_SECRETS_MANAGER) {
        const secret = new SecretsmanagerSecret(this, `Secret-${idOf(address)}`, {
          name: key, description, kmsKeyId: this.kmsKeyArn, recoveryWindowInDays: recovery, tags: secretTags,
        });
        if (props.rotationLambdaArn && entry.secret.rotation) {
          new SecretsmanagerSecretRotation(this, `Rotation-${idOf(address)}`, {
            secretId: secret.id,
            rotationLambdaArn: props.rotationLambdaArn,
            rotationRules: { automaticallyAfterDays: entry.secret.rotation.days },
          });
        }
        arn = secret.arn;
      } else {
        // A SecureString needs a value to exist; this placeholder is no secret, and Terraform
        // ignores the real one set later with `aws ssm put-parameter --overwrite`.
        const parameter = new SsmParameter(this, `Parameter-${idOf(address)}`, {
          name: key, description, type: 'SecureString', keyId: this.kmsKeyArn, value: 'unset', tags: secretTags,
          lifecycle: { ignoreChanges: ['value'] },
        });
        arn = parameter.arn;
      }
      const ref = { address, name: key, arn };
      this.byAddress.set(address, ref);
      new TerraformOutput(this, `SecretArn-${idOf(address)}`, { value: arn, description: `ARN of ${key}` });
    }
    this.secrets = [...this.byAddress.values()];

    const viaService = `${backend.kind === BackendKind.AWS_SECRETS_MANAGER ? 'secretsmanager' : 'ssm'}.${backend.region}.amazonaws.com`;
    const actions = backend.kind === BackendKind.AWS_SECRETS_MANAGER ? SECRETS_MANAGER_READ : PARAMETER_STORE_READ;
    const listActions = props.allowFind
      ? (backend.kind === BackendKind.AWS_SECRETS_MANAGER ? ['secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets'] : ['ssm:DescribeParameters', 'ssm:GetParametersByPath'])
      : undefined;

    const stores = storeEntries(blueprint);
    if (!irsa) {
      const controllerRole = new IamRole(this, 'ControllerRole', {
        name: identity.roleName('controller'),
        description: 'External Secrets Operator controller: may only assume the Noxus store roles',
        assumeRolePolicy: JSON.stringify(podIdentityTrustPolicy()),
        tags,
      });
      new IamRolePolicy(this, 'ControllerAssumeStores', {
        role: controllerRole.id,
        name: 'assume-store-roles',
        policy: JSON.stringify(assumeRolesPolicy(stores.map(s => identity.roleArn(s.storeId)))),
      });
      new EksPodIdentityAssociation(this, 'ControllerAssociation', {
        clusterName: props.clusterName!,
        namespace: props.esoNamespace ?? 'external-secrets',
        serviceAccount: props.esoServiceAccount ?? 'external-secrets',
        roleArn: controllerRole.arn,
        tags,
      });
      this.controllerRoleArn = controllerRole.arn;
      new TerraformOutput(this, 'ControllerRoleArn', { value: controllerRole.arn, description: 'Role of the ESO controller (Pod Identity)' });
    }

    for (const store of stores) {
      const trust = irsa
        ? irsaTrustPolicy(props.oidcProviderArn!, props.namespace, esoServiceAccountName(store.storeId))
        : assumedByRoleTrustPolicy(this.controllerRoleArn!);
      const role = new IamRole(this, `Role-${store.storeId}`, {
        name: identity.roleName(store.storeId),
        description: `Reads the Noxus ${store.storeId} secrets for External Secrets Operator`,
        assumeRolePolicy: JSON.stringify(trust),
        tags,
      });
      const resources = [...new Set(store.entries.map(e => this.byAddress.get(addressOf(e))!.arn))];
      new IamRolePolicy(this, `Read-${store.storeId}`, {
        role: role.id,
        name: 'read-store-secrets',
        policy: JSON.stringify(readPolicy({ actions, resources, kmsKeyArn: this.kmsKeyArn, viaService, listActions })),
      });
      this.roles.set(store.storeId, role);
      new TerraformOutput(this, `RoleArn-${store.storeId}`, { value: role.arn, description: `Role of the ${store.storeId} store` });
    }
  }

  /** The IAM role ARN of a store ('platform', 'pool-<name>'), as a Terraform reference. */
  public roleArn(storeId: string): string {
    const role = this.roles.get(storeId);
    if (!role) {
      throw NoxusSecretsError.at(this.node.path, `NoxusAwsSecrets: no store ${JSON.stringify(storeId)} ` +
        `(stores: ${[...this.roles.keys()].join(', ')}). Use 'platform' or 'pool-<name>'.`);
    }
    return role.arn;
  }

  /** A secret container by address ('platform/NAME', 'workers/NAME', 'pools/<pool>/NAME'). */
  public secret(address: string): AwsSecretRef {
    const ref = this.byAddress.get(address);
    if (!ref) {
      throw NoxusSecretsError.at(this.node.path, `NoxusAwsSecrets: no secret at ${JSON.stringify(address)} ` +
        "(addresses are 'platform/NAME', 'workers/NAME' or 'pools/<pool>/NAME'). Fix the address.");
    }
    return ref;
  }
}
