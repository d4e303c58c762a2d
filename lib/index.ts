// The public surface of the main entry, named one by one: helpers the library uses
// internally (name checks, renderers, policy builders) are not API and are not exported.
export { NoxusSecretsError } from './core/errors';
export { SecretCategory } from './core/secret-category';
export { RotationPeriod } from './core/rotation-period';
export { PlatformSecret } from './core/platform-secret';
export type { PlatformSecretProps, PlatformSecretOverrides } from './core/platform-secret';
export { NoxusCatalog } from './core/catalog';
export { SecretScope, NoxusService } from './core/scope';
export { WorkerPool, WorkerSubscribe } from './core/worker-pool';
export type { WorkerPoolProps } from './core/worker-pool';
export { SecretsBlueprint } from './core/secrets-blueprint';
export type { SecretsBlueprintProps, EnvEntry, EnvOverride } from './core/secrets-blueprint';
export {
  BackendKind, VaultKvVersion, SecretBackend, AwsBackend, AwsSecretsManagerBackend, AwsParameterStoreBackend, GcpSecretManagerBackend, AzureKeyVaultBackend, VaultBackend,
} from './core/secret-backend';
export type { ISecretBackend, AwsBackendProps, GcpSecretManagerProps, AzureKeyVaultProps, VaultBackendProps } from './core/secret-backend';
export { RemoteKeyLayout, RemoteKeyScheme } from './core/remote-keys';
export type { RemoteKeySchemeProps, RemoteKeyEntry } from './core/remote-keys';
export {
  IdentityKind, WorkloadIdentity, AwsIamIdentity, IrsaIdentity, EksPodIdentity, GkeWorkloadIdentity, AzureWorkloadIdentity, VaultKubernetesIdentity,
} from './core/workload-identity';
export type { IWorkloadIdentity, IdentityBinding, AwsRoleBinding, GkeIdentityBinding, StoreContext, AwsIdentityProps, GkeWorkloadIdentityProps, AzureWorkloadIdentityProps, VaultKubernetesProps } from './core/workload-identity';
export { SecretsContract, Store } from './core/secrets-contract';
export type { SecretsContractProps, ComposedEntry } from './core/secrets-contract';
export { ValueSource, SourceSecret, ValueOrigin } from './core/value-source';
export type { SourceSecretProps, FromSecretKeysProps, PostgresUrlProps, RedisUrlProps, GeneratedProps, TemplatePart, TemplateFunction } from './core/value-source';
export { Grant } from './core/grant';
export type { ISecretsGrantee } from './core/grant';
export { blastRadius, blastRadiusMarkdown } from './core/blast-radius';
export type { BlastRadiusRow, BlastRadiusGrant, BlastRadiusContext } from './core/blast-radius';
export { footprintOf, readsOf } from './core/footprint';
export type { Footprint, FootprintOptions } from './core/footprint';
export { LIST_PRICES } from './core/prices';
export type { BackendListPrice } from './core/prices';
export { CLOUD_LIMITS, LimitKind } from './core/limits';
export type { CloudLimit } from './core/limits';

export { EnvSecretSource, CSI_MOUNT_ROOT, UNSAFE_PLAINTEXT_ANNOTATION } from './k8s/env-secret-source';
export type { ExternalSecretsSourceProps, AzureKeyVaultCsiSourceProps, UnsafeLocalValues, EsoControllerRef } from './k8s/env-secret-source';
export { StoreAdmissionGuard } from './k8s/admission-guard';
export type { StoreAdmissionGuardProps, GuardFacts } from './k8s/admission-guard';
export { ReloadStrategy } from './k8s/reload-strategy';
export { EsoDistribution } from './k8s/openshift';
export { CHART_SHARED_SECRET_NAME } from './k8s/helm-values';
export { WorkerPoolSecrets } from './k8s/worker-pool-secrets';
export type { WorkerPoolSecretsProps } from './k8s/worker-pool-secrets';
export { NoxusApp } from './k8s/noxus-app';
export { NoxusPlatformSecrets } from './k8s/noxus-platform-secrets';
export type { NoxusPlatformSecretsProps } from './k8s/noxus-platform-secrets';
export type { IEsoSecretBackend, IEsoWorkloadIdentity, ServiceAccountRef } from './k8s/eso-providers';
export { ExternalSecretStore, StoreKind } from './k8s/external-secret-store';
export type { ExternalSecretStoreProps, IExternalSecretStore } from './k8s/external-secret-store';
export { ExternalSecretSync, DataFrom, CreationPolicy, DeletionPolicy } from './k8s/external-secret-sync';
export type { ExternalSecretSyncProps, ExternalSecretDataEntry, ExternalSecretTemplate, ExtractOptions, FindOptions } from './k8s/external-secret-sync';
export { AzureKeyVaultProviderClass, KeyVaultObjectType } from './k8s/azure-key-vault-provider-class';
export type { AzureKeyVaultProviderClassProps, KeyVaultObject, SyncedSecret, SyncedSecretKey } from './k8s/azure-key-vault-provider-class';
export { POOL_ANNOTATION } from './k8s/workload-wiring';
export type { IWorkload, IWorkloadContainer } from './k8s/workload';

export { VmBundle, SYSTEMD_HARDENING } from './vm/vm-bundle';
export type { VmBundleProps, VmVaultProps, VmFile, VmDirectory, VmEnvFile } from './vm/vm-bundle';
export { ENV_VALUE_RULE, envFileLine, envValuePattern, envValueProblem } from './vm/env-file-value';
export { findSecretRefs, checkSecretRefs } from './refs/secret-refs';
export type { SecretRef, SecretRefCheck } from './refs/secret-refs';
export { AuditLevel } from './audit/audit-rule';
export type { AuditInput, AuditFinding, AuditRule } from './audit/audit-rule';
export { NOXUS_RULES, runAudit, formatFindings } from './audit/noxus-audit';
export type { Acknowledgement, AuditOptions, AuditReport } from './audit/noxus-audit';
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
export { TerraformTemplateInText } from './audit/rules/terraform-template-in-text';
export { StoreTrustSessionTags } from './audit/rules/store-trust-session-tags';
export { PoolSecretOtherStore } from './audit/rules/pool-secret-other-store';
export { AdmissionGuardOff } from './audit/rules/admission-guard-off';
export { DeployerSecretsOfficer } from './audit/rules/deployer-secrets-officer';
export { UnverifiedFacts } from './audit/rules/unverified-facts';
