import { SecretBackend, SecretsContract, SourceSecret, ValueSource, WorkloadIdentity } from 'noxus-secrets-cdk';
import { blueprint } from '../shared/blueprint';

/**
 * Red Hat OpenShift Service on AWS (ROSA) with STS: AWS Secrets Manager through the External Secrets
 * Operator for Red Hat OpenShift, one IRSA role per store. ROSA's STS mode is the same mechanism as
 * EKS's IRSA: a projected ServiceAccount token that AWS STS exchanges against the cluster's IAM OIDC provider.
 */
export const backend = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
export const identity = WorkloadIdentity.irsa({ accountId: '123456789012' });
export const namespace = 'noxus';
/**
 * The cluster's IAM OIDC provider: `oc get authentication.config.openshift.io cluster -o jsonpath='{.spec.serviceAccountIssuer}'`
 * gives its issuer, `https://oidc.op1.openshiftapps.com/<id>`; the provider's ARN is that host and path under
 * `arn:aws:iam::<account>:oidc-provider/`.
 */
export const oidcProviderArn = 'arn:aws:iam::123456789012:oidc-provider/oidc.op1.openshiftapps.com/2c8sl1b5kjd9s2q0';

/** The database's master user, kept by RDS in Secrets Manager: ESO composes the URLs from it. */
const db = new SourceSecret({
  key: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-3f1e8a52-4c7d-4a8b-9f0e-1d2c3b4a5e6f-AbCdEf',
  keys: ['username', 'password'],
  label: 'RDS noxus-db master user',
});

/** The one contract both apps take. */
export const contract = new SecretsContract({
  blueprint, backend, identity, namespace,
  values: {
    POSTGRESQL_URL: ValueSource.postgresUrl({ source: db, host: 'noxus-db.cluster-c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com', database: 'noxus' }),
    PLUGIN_SERVER_API_KEY: ValueSource.generated(),
  },
});
