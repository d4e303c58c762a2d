import { NoxusSecretsError, SecretsContract, assertProps, assertRemovedProps } from '../core';
import { EnvSecretSource } from './env-secret-source';

/** What the Kubernetes constructs take of the contract: the contract and the source. */
export interface ContractAndSource {
  readonly contract?: SecretsContract;
  readonly source?: EnvSecretSource;
}

/**
 * The contract a Kubernetes construct renders, and its source (by default ESO where the
 * contract has a backend); throws the library's error for a prop the contract now holds
 * (`removed`), a missing contract, or a source that cannot deliver the contract's values.
 * @internal
 */
export function contractOf(subject: string, props: ContractAndSource, removed: readonly string[], path: string): { contract: SecretsContract; source: EnvSecretSource } {
  assertProps(subject, props, '{ contract }', path);
  assertRemovedProps(subject, props, removed, { path });
  if (props.source !== undefined && !(props.source instanceof EnvSecretSource)) {
    throw NoxusSecretsError.at(path, `${subject}: source is not an EnvSecretSource. Use EnvSecretSource.externalSecrets(), .azureKeyVaultCsi() or .existing().`);
  }
  const contract = SecretsContract._given(subject, props.contract, path);
  const source = props.source ?? (contract.backend ? EnvSecretSource.externalSecrets() : EnvSecretSource.existing());
  NoxusSecretsError.within(path, () => source._check(contract, path));
  if (!source._writesThroughStores()) {
    const made = contract._madeInCluster();
    if (made.length > 0) {
      throw NoxusSecretsError.at(path, `${subject}: the contract has values that External Secrets Operator composes or generates (${made.join(', ')}), ` +
        'but the source does not write the env Secrets through ESO, so nothing would make them. Use EnvSecretSource.externalSecrets(), or set those values by hand.');
    }
  }
  return { contract, source };
}
