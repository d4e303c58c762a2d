import { NoxusCatalog, PlatformSecret, SecretCategory, SecretsBlueprint, SecretsBlueprintProps, SecretsContract, SecretsContractProps } from '../../lib/core';

/** A test's case: a construct's own props, and its contract or the facts to build one from (tests vary one fact at a time). */
export type ContractCase<P extends { readonly contract: SecretsContract }> = Omit<P, 'contract'> & Partial<SecretsContractProps> & { readonly contract?: SecretsContract };

/** The construct's props of a case: its facts in one SecretsContract, as a user passes them. */
export function withContract<P extends { readonly contract: SecretsContract }>(c: ContractCase<P>): P {
  const { blueprint, backend, identity, namespace, environment, remoteKeys, values, contract, ...own } = c as ContractCase<P> & Partial<SecretsContractProps>;
  return { ...own, contract: contract ?? new SecretsContract({ blueprint: blueprint!, backend, identity, namespace, environment, remoteKeys, values }) } as unknown as P;
}

export const OPENAI = PlatformSecret.custom({ name: 'OPENAI_API_KEY', category: SecretCategory.AI_PROVIDER, description: 'LLM key' });
export const BANK = PlatformSecret.custom({ name: 'BANK_API_TOKEN', category: SecretCategory.INTEGRATION, highRisk: true });

/** The platform the issue describes: catalog global, an LLM key worker-only, two pools. */
export function platformProps(): SecretsBlueprintProps {
  return {
    secrets: [...NoxusCatalog.all(), OPENAI],
    global: NoxusCatalog.all().map(s => s.name),
    workerOnly: ['OPENAI_API_KEY'],
    pools: [
      { name: 'default' },
      { name: 'tenant-acme', secrets: ['OPENAI_API_KEY'], allowOverride: ['OPENAI_API_KEY'] },
    ],
  };
}

export function platform(): SecretsBlueprint {
  return new SecretsBlueprint(platformProps());
}
