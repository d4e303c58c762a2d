import { BackendKind } from './secret-backend';

/** The published list price of one backend: what its remote secrets and reads cost. A figure, not a promise. */
export interface BackendListPrice {
  /** USD per remote secret per month (per active version per location on GCP: one version, one location). */
  readonly perSecretMonth: number;
  /** USD per 10,000 reads (GetSecretValue, GetParameter, AccessSecretVersion, secret GET). */
  readonly perTenThousandReads: number;
  /** What the figure assumes. */
  readonly basis: string;
  /** Where it is published. */
  readonly source: string;
}

/**
 * The list prices the footprint uses, in USD, as published on `date` for the providers' first
 * Regions (us-east-1, us-central1, East US); free tiers, taxes, discounts and the KMS key's own
 * charges are left out. Vault has no list price: it is your cluster (or HCP's plan).
 */
export const LIST_PRICES: { readonly date: string; readonly currency: 'USD'; readonly byBackend: Partial<Record<BackendKind, BackendListPrice>> } = {
  date: '2026-12-02',
  currency: 'USD',
  byBackend: {
    [BackendKind.AWS_SECRETS_MANAGER]: {
      perSecretMonth: 0.40, perTenThousandReads: 0.05,
      basis: '$0.40 per secret-month, $0.05 per 10,000 API calls', source: 'https://aws.amazon.com/secrets-manager/pricing/',
    },
    [BackendKind.AWS_PARAMETER_STORE]: {
      perSecretMonth: 0, perTenThousandReads: 0,
      basis: 'standard parameters and standard throughput: no charge (advanced parameters $0.05 per parameter-month, higher throughput $0.05 per 10,000 calls)',
      source: 'https://aws.amazon.com/systems-manager/pricing/',
    },
    [BackendKind.GCP_SECRET_MANAGER]: {
      perSecretMonth: 0.06, perTenThousandReads: 0.03,
      basis: '$0.06 per active version per location per month (automatic replication is one location), $0.03 per 10,000 access operations',
      source: 'https://cloud.google.com/secret-manager/pricing',
    },
    [BackendKind.AZURE_KEY_VAULT]: {
      perSecretMonth: 0, perTenThousandReads: 0.03,
      basis: 'Standard tier: no charge per secret, $0.03 per 10,000 secret operations', source: 'https://azure.microsoft.com/en-us/pricing/details/key-vault/',
    },
  },
};
