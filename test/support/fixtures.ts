import { NoxusCatalog, PlatformSecret, SecretCategory, SecretsBlueprint, SecretsBlueprintProps } from '../../lib/core';

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
