import { NoxusCatalog, PlatformSecret, RotationPeriod, SecretCategory, SecretsBlueprint, WorkerSubscribe } from 'noxus-secrets-cdk';

/** The platform's LLM key: every worker has the shared one, tenant-acme its own. */
export const OPENAI_API_KEY = PlatformSecret.custom({
  name: 'OPENAI_API_KEY',
  category: SecretCategory.AI_PROVIDER,
  description: 'OpenAI API key used by flows and agents as {{secret.OPENAI_API_KEY}}',
  rotation: RotationPeriod.days(60),
});

/**
 * The platform, defined once: the 11 documented platform secrets for every
 * service, an LLM key for workers only, and two pools.
 */
export const blueprint = new SecretsBlueprint({
  secrets: [...NoxusCatalog.all(), OPENAI_API_KEY],
  global: NoxusCatalog.all().map(s => s.name),
  workerOnly: [OPENAI_API_KEY.name],
  pools: [
    { name: 'default', workerSubscribe: WorkerSubscribe.ALL_BUT_KB },
    {
      name: 'tenant-acme',
      secrets: [OPENAI_API_KEY.name],
      allowOverride: [OPENAI_API_KEY.name],
      workerSubscribe: WorkerSubscribe.FLOW,
      workerSubscribeTenants: ['acme'],
      replicaCount: 2,
    },
  ],
});
