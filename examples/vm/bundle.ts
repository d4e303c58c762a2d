import { VmBundle } from 'noxus-secrets-cdk';
import { contract } from '../vault/platform';

/**
 * A docker-compose VM running Noxus with the tenant-acme workers: its env files
 * rendered from the same Vault KV mount as the cluster, by Vault Agent.
 */
export const bundle = new VmBundle({ contract, pool: 'tenant-acme', vault: {} });
