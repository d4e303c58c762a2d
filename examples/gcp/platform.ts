import { SecretBackend, SecretsContract, WorkloadIdentity } from 'noxus-secrets-cdk';
import { blueprint } from '../shared/blueprint';

/** Where the GCP example's secrets live and how stores authenticate: read by both apps. */
export const backend = SecretBackend.gcpSecretManager({ projectId: 'noxus-prod' });
export const identity = WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod', clusterLocation: 'europe-west1', clusterName: 'noxus' });
export const namespace = 'noxus';

/** The one contract both apps take: the Kubernetes side and the cloud side cannot disagree on a name. */
export const contract = new SecretsContract({ blueprint, backend, identity, namespace });
