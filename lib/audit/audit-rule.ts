import { SecretsBlueprint } from '../core';

/** How bad a finding is: errors fail the synth, warnings are printed. */
export enum AuditLevel {
  ERROR = 'error',
  WARNING = 'warning',
}

/** What a rule looks at: the synthesized objects of either side, and the model they came from. */
export interface AuditInput {
  /** Kubernetes manifests, as synthesized. */
  readonly manifests?: any[];
  /** Terraform JSON documents (cdk.tf.json), one per stack. */
  readonly terraform?: any[];
  /** The blueprint, for rules that need the model (rotation, placement). */
  readonly blueprint?: SecretsBlueprint;
  /** The pool env Secrets (never for Frontend, Backend or Beat): Secret name to pool name. */
  readonly poolSecrets?: Record<string, string>;
  /** The env Secrets of the platform and the one store that may write each: Secret name to SecretStore name. */
  readonly secretStores?: Record<string, string>;
  /** Whether the Kubernetes side renders its admission guard (undefined where there is nothing to guard). */
  readonly admissionGuard?: boolean;
  /** What the isolation rests on that the library neither creates nor sees (an existing vault), and what of it is unchecked. */
  readonly unverified?: { readonly resource: string; readonly what: string }[];
  /** The name of the secret whose value the user opted, by name, into writing through this Terraform (ValueSource.fromTerraform). */
  readonly optedInValue?: string;
}

/** One problem a rule found. */
export interface AuditFinding {
  readonly ruleId: string;
  readonly level: AuditLevel;
  /** What is wrong and how to fix it. */
  readonly message: string;
  /** The object it is about: `Kind/name` or `terraform_type.logical_id`. */
  readonly resource: string;
}

/** One audit rule: a pure function over the synthesized objects. */
export interface AuditRule {
  readonly id: string;
  readonly level: AuditLevel;
  /** One sentence: what the rule guards against. */
  readonly description: string;
  /** The findings, each with its resource and message; the runner adds id and level. */
  check(input: AuditInput): { resource: string; message: string }[];
}

/** Every Terraform resource of a type across documents, as [logicalId, config]. */
export function terraformResources(input: AuditInput, type: string): [string, any][] {
  return (input.terraform ?? []).flatMap(doc => Object.entries<any>(doc?.resource?.[type] ?? {}));
}

/** A manifest's `Kind/name`. */
export function manifestName(m: any): string {
  return `${m.kind}/${m.metadata?.name ?? '?'}`;
}

/** A policy document from a Terraform attribute, or undefined where it is not JSON (a token the rule cannot read). */
export function parsePolicy(text: unknown): any | undefined {
  try {
    return typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Every statement of every role's trust policy across documents, as [logicalId, statement] (trusts that are not JSON are skipped). */
export function trustStatements(input: AuditInput): [string, any][] {
  return terraformResources(input, 'aws_iam_role').flatMap(([id, r]) => {
    const doc = parsePolicy(r.assume_role_policy);
    return doc ? ([] as any[]).concat(doc.Statement ?? []).map(s => [id, s] as [string, any]) : [];
  });
}
