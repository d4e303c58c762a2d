import { AuditOptions } from '../audit';
import { RemoteKeySchemeProps, SecretBackend, SecretsBlueprint } from '../core';

/** What every cloud-side construct reads: the same model and naming as the cdk8s side. */
export interface CloudSideProps {
  /** The platform's blueprint: the same object the cdk8s app renders. */
  readonly blueprint: SecretsBlueprint;
  /** Where the secrets live: the same backend the cdk8s side's stores read. */
  readonly backend: SecretBackend;
  /** The Kubernetes namespace of the ServiceAccounts that the identities trust. */
  readonly namespace: string;
  /**
   * How remote secret names are derived; must equal the cdk8s side's.
   * @default - prefix 'noxus', no overrides
   */
  readonly remoteKeys?: RemoteKeySchemeProps;
  /**
   * The security audit that runs on synth over this stack: errors fail the synth, warnings are printed.
   * @default - on, with no acknowledgements
   */
  readonly audit?: AuditOptions;
}
