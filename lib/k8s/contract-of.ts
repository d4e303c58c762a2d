import { NoxusSecretsError, SecretsBlueprint, SecretsContract, assertProps } from '../core';
import { EnvSecretSource } from './env-secret-source';

/** What the Kubernetes constructs take: a contract, or (shorthand) the blueprint and namespace with the source's facts. */
export interface ContractShorthand {
  readonly contract?: SecretsContract;
  readonly blueprint?: SecretsBlueprint;
  readonly namespace?: string;
  readonly source?: EnvSecretSource;
}

/**
 * The contract a Kubernetes construct renders, and its source: the given contract
 * (with no conflicting fact beside it), or one built from the shorthand props.
 * @internal
 */
export function contractOf(subject: string, props: ContractShorthand, path: string): { contract: SecretsContract; source: EnvSecretSource } {
  assertProps(subject, props, '{ contract } or { blueprint, namespace }', path);
  if (props.source !== undefined && !(props.source instanceof EnvSecretSource)) {
    throw NoxusSecretsError.at(path, `${subject}: source is not an EnvSecretSource. Use EnvSecretSource.externalSecrets(), .azureKeyVaultCsi() or .existing().`);
  }
  const facts = props.source?._facts() ?? {};
  if (props.contract !== undefined) {
    // The source's backend, identity and remote keys are the shorthand's facts beside the blueprint and namespace.
    const contract = SecretsContract._assertGiven(subject, props.contract, { blueprint: props.blueprint, namespace: props.namespace, ...facts }, path, { backend: 'source ' });
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
  if (props.blueprint === undefined) {
    throw NoxusSecretsError.at(path, `${subject}: neither contract nor blueprint is given. Pass contract: new SecretsContract({ blueprint, ... }) ` +
      '(or, as shorthand, blueprint and namespace).');
  }
  const contract = NoxusSecretsError.within(path, () => new SecretsContract({
    blueprint: props.blueprint!, namespace: props.namespace, backend: facts.backend, identity: facts.identity, remoteKeys: facts.remoteKeys,
  }));
  const source = props.source ?? EnvSecretSource.existing();
  NoxusSecretsError.within(path, () => source._check(contract, path));
  return { contract, source };
}
