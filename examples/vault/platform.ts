import { SecretBackend, WorkloadIdentity } from '../../lib';

/** The Vault example's KV v2 mount and Kubernetes auth: read by both apps. */
export const backend = SecretBackend.vault({ server: 'https://vault.example.com:8200' });
export const identity = WorkloadIdentity.vaultKubernetes();
export const namespace = 'noxus';
