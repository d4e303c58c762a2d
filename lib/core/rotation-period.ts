import { NoxusSecretsError, shown } from './errors';

/**
 * How often a secret's value is replaced. Bounds are checked where the
 * period is attached to a secret, so that the message can name it.
 */
export class RotationPeriod {
  /** Rotate every `days` days. */
  public static days(days: number): RotationPeriod {
    if (typeof days !== 'number') {
      throw new NoxusSecretsError(`RotationPeriod.days: days ${shown(days)} is not a number. Use e.g. RotationPeriod.days(90).`);
    }
    return new RotationPeriod(days);
  }

  /** Shortest period any secret may have, in days. */
  public static readonly MIN_DAYS = 1;
  /** Longest period any secret may have, in days. */
  public static readonly MAX_DAYS = 365;
  /** Shortest period of a high-risk secret, in days (Noxus guidance: 30 to 90). */
  public static readonly HIGH_RISK_MIN_DAYS = 30;
  /** Longest period of a high-risk secret, in days (Noxus guidance: 30 to 90). */
  public static readonly HIGH_RISK_MAX_DAYS = 90;

  private constructor(public readonly days: number) {}

  public toString(): string {
    return `${this.days} days`;
  }
}
