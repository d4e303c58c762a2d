// The public surface of the main entry, named one by one: helpers the library uses
// internally (name checks, renderers, policy builders) are not API and are not exported.
export { NoxusSecretsError } from './core/errors';
export { SecretCategory } from './core/secret-category';
export { RotationPeriod } from './core/rotation-period';
export { PlatformSecret, PlatformSecretProps, PlatformSecretOverrides } from './core/platform-secret';
export { NoxusCatalog } from './core/catalog';
export { SecretScope, NoxusService } from './core/scope';
export { WorkerPool, WorkerPoolProps, WorkerSubscribe } from './core/worker-pool';
export { SecretsBlueprint, SecretsBlueprintProps, EnvEntry, EnvOverride } from './core/secrets-blueprint';
export {
  BackendKind, VaultKvVersion, SecretBackend, ISecretBackend, AwsBackendProps, GcpSecretManagerProps, AzureKeyVaultProps, VaultBackendProps,
} from './core/secret-backend';
export { RemoteKeyScheme, RemoteKeySchemeProps, RemoteKeyEntry } from './core/remote-keys';
export {
  IdentityKind, WorkloadIdentity, IWorkloadIdentity, IdentityBinding, StoreContext, ServiceAccountRef,
  AwsIdentityProps, GkeWorkloadIdentityProps, AzureWorkloadIdentityProps, AzureOutputsFileProps, VaultKubernetesProps,
} from './core/workload-identity';
export { SecretsContract, SecretsContractProps, Store } from './core/secrets-contract';
export { blastRadius, blastRadiusMarkdown, BlastRadiusRow, BlastRadiusGrant } from './core/blast-radius';

export {
  EnvSecretSource, ExternalSecretsSourceProps, AzureKeyVaultCsiSourceProps, UnsafeLocalValues, CSI_MOUNT_ROOT, UNSAFE_PLAINTEXT_ANNOTATION,
} from './k8s/env-secret-source';
export { ReloadStrategy } from './k8s/reload-strategy';
export { CHART_SHARED_SECRET_NAME } from './k8s/helm-values';
export { WorkerPoolSecrets, WorkerPoolSecretsProps } from './k8s/worker-pool-secrets';
export { NoxusPlatformSecrets, NoxusPlatformSecretsProps } from './k8s/noxus-platform-secrets';
export { ExternalSecretStore, ExternalSecretStoreProps, IExternalSecretStore, StoreKind } from './k8s/external-secret-store';
export {
  ExternalSecretSync, ExternalSecretSyncProps, ExternalSecretDataEntry, ExternalSecretTemplate, DataFrom, ExtractOptions, FindOptions,
  CreationPolicy, DeletionPolicy,
} from './k8s/external-secret-sync';
export {
  AzureKeyVaultProviderClass, AzureKeyVaultProviderClassProps, KeyVaultObject, KeyVaultObjectType, SyncedSecret, SyncedSecretKey,
} from './k8s/azure-key-vault-provider-class';
export { POOL_ANNOTATION } from './k8s/workload-wiring';

export { VmBundle, VmBundleProps, VmVaultProps, VmFile, VmEnvFile, SYSTEMD_HARDENING } from './vm/vm-bundle';
export { findSecretRefs, checkSecretRefs, SecretRef, SecretRefCheck } from './refs/secret-refs';
export { AuditLevel, AuditInput, AuditFinding, AuditRule } from './audit/audit-rule';
export { NOXUS_RULES, runAudit, formatFindings, Acknowledgement, AuditOptions, AuditReport } from './audit/noxus-audit';
export { WorkerSecretReachableByWeb, SERVICE_ANNOTATION } from './audit/rules/worker-secret-reachable-by-web';
export { OverrideWithoutAllowance } from './audit/rules/override-without-allowance';
export { SecretValueInOutput, OptedInPlaintext } from './audit/rules/secret-value-in-output';
export { SharedStoreServiceAccount } from './audit/rules/shared-store-service-account';
export { IamBeyondRead } from './audit/rules/iam-beyond-read';
export { WebIdentityTrustConditions } from './audit/rules/web-identity-trust-conditions';
export { KeyVaultVaultScope } from './audit/rules/key-vault-vault-scope';
export { SecretManagerProjectWide } from './audit/rules/secret-manager-project-wide';
export { HighRiskRotation } from './audit/rules/high-risk-rotation';
export { RefreshDisabledOnRotated } from './audit/rules/refresh-disabled-on-rotated';
