import { SecretBackend, SecretsContract, WorkloadIdentity } from 'noxus-secrets-cdk';
import { blueprint } from '../shared/blueprint';

/** The Vault example's KV v2 mount and Kubernetes auth: read by both apps. */
export const backend = SecretBackend.vault({ server: 'https://vault.example.com:8200' });
export const identity = WorkloadIdentity.vaultKubernetes();
export const namespace = 'noxus';

/** The one contract both apps take: the Kubernetes side and the cloud side cannot disagree on a name. */
export const contract = new SecretsContract({ blueprint, backend, identity, namespace });
