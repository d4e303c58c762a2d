import { NoxusSecretsError, assertKind, assertProps, shown } from '../core';
import { AuditFinding, AuditInput, AuditLevel, AuditRule } from './audit-rule';
import { HighRiskRotation } from './rules/high-risk-rotation';
import { IamBeyondRead } from './rules/iam-beyond-read';
import { KeyVaultVaultScope } from './rules/key-vault-vault-scope';
import { OverrideWithoutAllowance } from './rules/override-without-allowance';
import { RefreshDisabledOnRotated } from './rules/refresh-disabled-on-rotated';
import { SecretManagerProjectWide } from './rules/secret-manager-project-wide';
import { OptedInPlaintext, SecretValueInOutput } from './rules/secret-value-in-output';
import { SharedStoreServiceAccount } from './rules/shared-store-service-account';
import { WebIdentityTrustConditions } from './rules/web-identity-trust-conditions';
import { TerraformTemplateInText } from './rules/terraform-template-in-text';
import { WorkerSecretReachableByWeb } from './rules/worker-secret-reachable-by-web';
import { StoreTrustSessionTags } from './rules/store-trust-session-tags';
import { PoolSecretOtherStore } from './rules/pool-secret-other-store';
import { AdmissionGuardOff } from './rules/admission-guard-off';
import { DeployerSecretsOfficer } from './rules/deployer-secrets-officer';
import { UnverifiedFacts } from './rules/unverified-facts';

/** The library's rule pack, in id order. */
export const NOXUS_RULES: AuditRule[] = [
  WorkerSecretReachableByWeb, OverrideWithoutAllowance, SecretValueInOutput, OptedInPlaintext, SharedStoreServiceAccount,
  IamBeyondRead, WebIdentityTrustConditions, KeyVaultVaultScope, SecretManagerProjectWide, HighRiskRotation, RefreshDisabledOnRotated,
  TerraformTemplateInText, StoreTrustSessionTags, PoolSecretOtherStore, AdmissionGuardOff,
  DeployerSecretsOfficer, UnverifiedFacts,
];

/** A finding someone looked at and accepted, with the reason. */
export interface Acknowledgement {
  /** The rule, e.g. 'NX7'. */
  readonly ruleId: string;
  /** Why this is acceptable here; shown in every report. */
  readonly reason: string;
  /**
   * Only this resource (`Kind/name` or `type.logical_id`).
   * @default - every finding of the rule
   */
  readonly resource?: string;
}

/** How the audit runs. */
export interface AuditOptions {
  /**
   * Run the audit on synth.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Findings accepted with a reason.
   * @default - none
   */
  readonly acknowledgements?: Acknowledgement[];
}

/** The audit's outcome. */
export interface AuditReport {
  readonly errors: AuditFinding[];
  readonly warnings: AuditFinding[];
  readonly acknowledged: (AuditFinding & { readonly reason: string })[];
}

/** Runs the rules over the synthesized objects; acknowledged findings are set aside with their reason. */
export function runAudit(input: AuditInput, options: AuditOptions = {}, rules: AuditRule[] = NOXUS_RULES): AuditReport {
  assertProps('runAudit', input, '{ manifests, blueprint }');
  for (const field of ['manifests', 'terraform', 'unverified'] as const) assertKind('runAudit', `input.${field}`, input[field], 'list', '[]');
  assertKind('runAudit', 'input.admissionGuard', input.admissionGuard, 'boolean', 'true');
  assertAuditOptions('Audit', options);
  if (!Array.isArray(rules) || !rules.every(r => r !== null && typeof r === 'object' && typeof r.id === 'string' && typeof r.check === 'function')) {
    throw new NoxusSecretsError(`runAudit: rules ${shown(rules)} is not a list of audit rules (each with an id and a check). Pass NOXUS_RULES, or leave it out.`);
  }
  const acks = options.acknowledgements ?? [];
  for (const a of acks) {
    if (!rules.some(r => r.id === a.ruleId)) {
      throw new NoxusSecretsError(`Audit: acknowledgement for rule ${JSON.stringify(a.ruleId)}, which does not exist (rules: ${rules.map(r => r.id).join(', ')}). Fix the id.`);
    }
    if (typeof a.reason !== 'string' || a.reason.trim().length < 10) {
      throw new NoxusSecretsError(`Audit: acknowledgement of ${a.ruleId} has reason ${shown(a.reason)}, which does not say why (a reason of at least 10 characters). ` +
        'Say why the finding is acceptable here, e.g. reason: "the migration job reads every secret, reviewed in SEC-123".');
    }
  }
  const report: { errors: AuditFinding[]; warnings: AuditFinding[]; acknowledged: (AuditFinding & { reason: string })[] } = { errors: [], warnings: [], acknowledged: [] };
  for (const rule of rules) {
    for (const f of rule.check(input)) {
      const finding: AuditFinding = { ruleId: rule.id, level: rule.level, ...f };
      const ack = acks.find(a => a.ruleId === rule.id && (a.resource === undefined || a.resource === f.resource));
      if (ack) report.acknowledged.push({ ...finding, reason: ack.reason });
      else if (rule.level === AuditLevel.ERROR) report.errors.push(finding);
      else report.warnings.push(finding);
    }
  }
  return report;
}

/** One line per finding, for logs and errors. */
export function formatFindings(findings: AuditFinding[]): string {
  if (!Array.isArray(findings)) {
    throw new NoxusSecretsError(`formatFindings: findings ${shown(findings)} is not a list. Pass a report's errors or warnings, e.g. runAudit(input).errors.`);
  }
  return findings.map(f => `${f.ruleId} ${f.level} ${f.resource}: ${f.message}`).join('\n');
}

/**
 * The report's errors as validation messages, one per finding (the synth fails on them before
 * anything is written); warnings and acknowledged findings go to `warn` (stderr by default).
 */
export function auditMessages(report: AuditReport, where: string, warn: (s: string) => void = s => process.stderr.write(`${s}\n`)): string[] {
  if (report.warnings.length > 0) warn(`noxus-secrets audit (${where}) warnings:\n${formatFindings(report.warnings)}`);
  if (report.acknowledged.length > 0) {
    warn(`noxus-secrets audit (${where}) acknowledged:\n${report.acknowledged.map(f => `${formatFindings([f])} (acknowledged: ${f.reason})`).join('\n')}`);
  }
  return report.errors.map(f => `Audit ${formatFindings([f])} (fix it, or acknowledge it with a reason; nothing was written)`);
}

/**
 * Throws the library's error where a JavaScript caller's audit options are not what the audit reads
 * (`enabled: "false"` would otherwise turn nothing off).
 * @internal
 */
export function assertAuditOptions(subject: string, options: AuditOptions): void {
  assertProps(`${subject} options`, options, '{ acknowledgements: [...] }, or nothing');
  assertKind(subject, 'enabled', options.enabled, 'boolean', 'false');
  assertKind(subject, 'acknowledgements', options.acknowledgements, 'list', '[{ ruleId: "NX1", reason: "..." }]');
  (options.acknowledgements ?? []).forEach((a, i) => assertProps(`${subject}: acknowledgements[${i}]`, a, '{ ruleId: "NX1", reason: "..." }'));
}
