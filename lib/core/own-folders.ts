import { addressOf } from './remote-keys';
import { SecretsContract, Store } from './secrets-contract';

/**
 * Which store owns each folder of the contract's remote keys: a folder ('noxus/pools/acme') is
 * owned by a store when every key of the scheme under it, at any depth, is an entry of that store
 * (a key no store reads, or one two stores read, makes it nobody's). Only for backends whose keys
 * are paths ('/'): Secrets Manager, Parameter Store, Vault.
 *
 * The proof is over every key the contract names, overrides included, so it holds whatever the
 * pool names: pool names are DNS labels (no '/'), so no pool's folder lies inside another's, and
 * an override that puts a key in another store's folder makes that folder nobody's.
 */
export function folderOwners(contract: SecretsContract): Map<string, Store | null> {
  const scheme = contract.remoteKeyScheme;
  const keyOf = new Map(scheme.all().map(e => [e.address, e.key]));
  const owners = new Map<string, Store | null>();
  const claim = (key: string, store: Store | null) => {
    for (let i = key.lastIndexOf('/'); i > 0; i = key.lastIndexOf('/', i - 1)) {
      const folder = key.slice(0, i);
      const owner = owners.get(folder);
      if (owner === undefined) owners.set(folder, store);
      else if (owner !== store) owners.set(folder, null);
    }
  };
  const held = new Set<string>();
  for (const store of contract.stores) {
    for (const address of new Set(store.entries.map(addressOf))) {
      held.add(address);
      claim(keyOf.get(address)!, store);
    }
  }
  for (const [address, key] of keyOf) if (!held.has(address)) claim(key, null);
  return owners;
}

/**
 * The folders of a store's keys that the store owns (folderOwners), below the scheme's prefix
 * folder ('noxus'): a grant on '<folder>/*' reaches no key of the contract but the store's own.
 * Sorted; a folder inside another of the list is left out, as the outer one covers it.
 */
export function ownFolders(store: Store, owners: Map<string, Store | null>): string[] {
  const root = store.contract.remoteKeyScheme.backend.remoteKey([store.contract.remoteKeyScheme.prefix]);
  const own = new Set<string>();
  for (const { key } of store.remoteKeys) {
    const i = key.lastIndexOf('/');
    if (i <= 0) continue;
    const folder = key.slice(0, i);
    if (folder.startsWith(`${root}/`) && owners.get(folder) === store) own.add(folder);
  }
  const sorted = [...own].sort();
  return sorted.filter(f => !sorted.some(o => o !== f && f.startsWith(`${o}/`)));
}
