import { NoxusSecretsError, assertKind, assertProps, shown } from '../../core';

/** One replica location of a user-managed replication. */
export interface GcpReplica {
  /** A GCP region, e.g. 'europe-west1'. */
  readonly location: string;
  /**
   * A Cloud KMS key in that region (CMEK).
   * @default - Google-managed encryption
   */
  readonly kmsKeyName?: string;
}

/** Where Secret Manager keeps the secrets' payloads. */
export class GcpReplication {
  /** Google chooses the locations; optionally one CMEK key for all. */
  public static automatic(options: { readonly kmsKeyName?: string } = {}): GcpReplication {
    assertProps('GcpReplication.automatic', options, '{ kmsKeyName }, or nothing');
    assertKind('GcpReplication.automatic', 'kmsKeyName', options.kmsKeyName, 'string', '"projects/p/locations/global/keyRings/r/cryptoKeys/k"');
    return new GcpReplication({ auto: options.kmsKeyName ? { customerManagedEncryption: { kmsKeyName: options.kmsKeyName } } : {} });
  }

  /** The locations you name, each with an optional CMEK key of its region. */
  public static userManaged(replicas: GcpReplica[]): GcpReplication {
    if (!Array.isArray(replicas)) {
      throw new NoxusSecretsError(`GcpReplication.userManaged: replicas ${shown(replicas)} is not a list. Pass e.g. [{ location: "europe-west1" }].`);
    }
    replicas.forEach((r, i) => {
      if (r === null || typeof r !== 'object' || typeof r.location !== 'string') {
        throw new NoxusSecretsError(`GcpReplication.userManaged: replicas[${i}] ${shown(r)} is not a replica (a location, a string). Pass e.g. { location: "europe-west1" }.`);
      }
      assertKind('GcpReplication.userManaged', `replicas[${i}].kmsKeyName`, r.kmsKeyName, 'string', '"projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k"');
    });
    if (replicas.length === 0) {
      throw new NoxusSecretsError('GcpReplication.userManaged: no replicas (Secret Manager needs at least one location). Add a location, e.g. { location: "europe-west1" }.');
    }
    const seen = new Set<string>();
    for (const r of replicas) {
      if (seen.has(r.location)) {
        throw new NoxusSecretsError(`GcpReplication.userManaged: location ${JSON.stringify(r.location)} is listed twice. Remove the repeat.`);
      }
      seen.add(r.location);
    }
    return new GcpReplication({
      userManaged: {
        replicas: replicas.map(r => ({ location: r.location, ...(r.kmsKeyName ? { customerManagedEncryption: { kmsKeyName: r.kmsKeyName } } : {}) })),
      },
    });
  }

  private constructor(private readonly config: Record<string, unknown>) {}

  /** @internal */
  public _toConfig(): any {
    return this.config;
  }
}
