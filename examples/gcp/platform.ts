import { SecretBackend, WorkloadIdentity } from '../../lib';

/** Where the GCP example's secrets live and how stores authenticate: read by both apps. */
export const backend = SecretBackend.gcpSecretManager({ projectId: 'noxus-prod' });
export const identity = WorkloadIdentity.gkeWorkloadIdentity({ projectId: 'noxus-prod', clusterLocation: 'europe-west1', clusterName: 'noxus' });
export const namespace = 'noxus';
