/** What a secret is for, as the Noxus docs group them. */
export enum SecretCategory {
  /** Databases, Redis, object storage. */
  INFRASTRUCTURE = 'infrastructure',
  /** OIDC/SAML client secrets, signing keys. */
  IDENTITY = 'identity',
  /** Model provider API keys (OpenAI, Anthropic, ...). */
  AI_PROVIDER = 'ai-provider',
  /** Credentials of third-party tools and the plugin server. */
  INTEGRATION = 'integration',
  /** Metrics and log shipping credentials. */
  OBSERVABILITY = 'observability',
  /** Anything else a flow or agent reads as `{{secret.NAME}}`. */
  CUSTOM = 'custom',
}
