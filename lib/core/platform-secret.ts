import { NoxusSecretsError, assertKind, assertProps, shown } from './errors';
import { assertPrintable } from './inert';
import { assertEnvName } from './names';
import { RotationPeriod } from './rotation-period';
import { SecretCategory } from './secret-category';
import { stripUndefined } from './objects';

/** Describes one secret the platform reads from its environment. */
export interface PlatformSecretProps {
  /** The environment variable name, UPPER_SNAKE; flows read it as `{{secret.NAME}}`. */
  readonly name: string;
  /**
   * What the secret is for.
   * @default SecretCategory.CUSTOM
   */
  readonly category?: SecretCategory;
  /**
   * One sentence for operators and reports.
   * @default - no description
   */
  readonly description?: string;
  /**
   * Whether a leak is costly (API keys, passwords); high-risk secrets must
   * rotate every 30 to 90 days.
   * @default - true for AI_PROVIDER and IDENTITY secrets, false otherwise
   */
  readonly highRisk?: boolean;
  /**
   * Whether the platform starts without it.
   * @default false
   */
  readonly optional?: boolean;
  /**
   * How often the value is replaced.
   * @default - 90 days for high-risk secrets, no rotation otherwise
   */
  readonly rotation?: RotationPeriod;
}

/** The changeable parts of a secret, for `PlatformSecret.with()`. */
export interface PlatformSecretOverrides {
  /** @default - unchanged */
  readonly description?: string;
  /** @default - unchanged */
  readonly highRisk?: boolean;
  /** @default - unchanged */
  readonly optional?: boolean;
  /** @default - unchanged */
  readonly rotation?: RotationPeriod;
}

/**
 * One environment variable that carries a secret: its contract, not its
 * value. The same definition can be placed in several scopes; each placement
 * is delivered from its own source.
 */
export class PlatformSecret {
  /** A secret that the Noxus docs do not name (AI provider keys, identity secrets, your own). */
  public static custom(props: PlatformSecretProps): PlatformSecret {
    assertProps('PlatformSecret.custom', props, "{ name: 'OPENAI_API_KEY', category: SecretCategory.AI_PROVIDER }");
    return new PlatformSecret(props);
  }

  /** @internal */
  public static _catalog(props: PlatformSecretProps): PlatformSecret {
    return new PlatformSecret(props);
  }

  public readonly name: string;
  public readonly category: SecretCategory;
  public readonly description?: string;
  public readonly highRisk: boolean;
  public readonly optional: boolean;
  /** Undefined when the secret is not rotated. */
  public readonly rotation?: RotationPeriod;

  private constructor(private readonly props: PlatformSecretProps) {
    const subject = `PlatformSecret ${JSON.stringify(props.name)}`;
    assertEnvName(subject, 'name', props.name);
    if (props.description !== undefined) {
      if (typeof props.description !== 'string') {
        throw new NoxusSecretsError(`${subject}: description ${JSON.stringify(props.description)} is not a string. Give a sentence, or leave it out.`);
      }
      assertPrintable(subject, 'description', props.description);
    }
    // A JavaScript caller's "false" or 0 would otherwise be taken as true, or as false, silently.
    assertKind(subject, 'highRisk', props.highRisk, 'boolean', 'true');
    assertKind(subject, 'optional', props.optional, 'boolean', 'true');
    if (props.category !== undefined && !Object.values(SecretCategory).includes(props.category)) {
      throw new NoxusSecretsError(`${subject}: category ${shown(props.category)} is not a SecretCategory ` +
        `(${Object.values(SecretCategory).join(', ')}). Use e.g. SecretCategory.AI_PROVIDER.`);
    }
    if (props.rotation !== undefined && !(props.rotation instanceof RotationPeriod)) {
      throw new NoxusSecretsError(`${subject}: rotation ${shown(props.rotation)} is not a RotationPeriod. Use e.g. RotationPeriod.days(90).`);
    }
    this.name = props.name;
    this.category = props.category ?? SecretCategory.CUSTOM;
    this.description = props.description;
    this.highRisk = props.highRisk
      ?? (this.category === SecretCategory.AI_PROVIDER || this.category === SecretCategory.IDENTITY);
    this.optional = props.optional ?? false;
    this.rotation = props.rotation
      ?? (this.highRisk ? RotationPeriod.days(RotationPeriod.HIGH_RISK_MAX_DAYS) : undefined);
    if (this.rotation) {
      assertRotation(subject, this.rotation, this.highRisk);
    }
  }

  /** A copy with some fields changed, e.g. a catalog secret with a shorter rotation. */
  public with(overrides: PlatformSecretOverrides): PlatformSecret {
    assertProps(`PlatformSecret ${JSON.stringify(this.name)}: with`, overrides, '{ rotation: RotationPeriod.days(30) }');
    return new PlatformSecret({ ...this.props, ...stripUndefined(overrides) });
  }
}

function assertRotation(subject: string, rotation: RotationPeriod, highRisk: boolean): void {
  const days = rotation.days;
  if (!Number.isInteger(days) || days < RotationPeriod.MIN_DAYS || days > RotationPeriod.MAX_DAYS) {
    throw new NoxusSecretsError(
      `${subject}: rotation ${days} days is out of range (a whole number of days from ` +
      `${RotationPeriod.MIN_DAYS} to ${RotationPeriod.MAX_DAYS}). Use e.g. RotationPeriod.days(90).`);
  }
  if (highRisk && (days < RotationPeriod.HIGH_RISK_MIN_DAYS || days > RotationPeriod.HIGH_RISK_MAX_DAYS)) {
    throw new NoxusSecretsError(
      `${subject}: rotation ${days} days is out of range for a high-risk secret ` +
      `(${RotationPeriod.HIGH_RISK_MIN_DAYS} to ${RotationPeriod.HIGH_RISK_MAX_DAYS} days). ` +
      `Use e.g. RotationPeriod.days(${days < RotationPeriod.HIGH_RISK_MIN_DAYS ? RotationPeriod.HIGH_RISK_MIN_DAYS : RotationPeriod.HIGH_RISK_MAX_DAYS}), or set highRisk: false if a leak is cheap.`);
  }
}
