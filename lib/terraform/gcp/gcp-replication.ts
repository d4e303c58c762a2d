import { NoxusSecretsError, assertKind, assertNoTemplate, assertProps, shown } from '../../core';
import { isReference } from '../references';

// Secret Manager replicates to regions (its locations list): e.g. 'europe-west1', not a zone or a display name.
const REGION = /^[a-z]+-[a-z]+\d+$/;
// Cloud KMS (resource names): projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>, ring and key IDs
// 1-63 of A-Z a-z 0-9 _ -; the project ID may be domain-scoped ('example.com:noxus-prod').
const KMS_KEY_NAME = /^projects\/(?:[a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]\/locations\/([a-z0-9-]+)\/keyRings\/[A-Za-z0-9_-]{1,63}\/cryptoKeys\/[A-Za-z0-9_-]{1,63}$/;

/**
 * Throws the library's error unless a literal CMEK key name is a Cloud KMS key in `location`: Secret Manager
 * (CustomerManagedEncryption) takes a key in the replica's location, or in 'global' with automatic replication.
 */
function assertKmsKeyName(subject: string, field: string, name: string, location: string, why: string): void {
  if (isReference(name)) return;
  assertNoTemplate(subject, field, name);
  const m = KMS_KEY_NAME.exec(name);
  if (!m) {
    throw new NoxusSecretsError(`${subject}: ${field} ${JSON.stringify(name)} is not a Cloud KMS key name ` +
      '(projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>; ring and key 1-63 of A-Z a-z 0-9 _ -). Use the key\'s id, not its alias or a version.');
  }
  if (!isReference(location) && m[1] !== location) {
    throw new NoxusSecretsError(`${subject}: ${field} ${JSON.stringify(name)} is a key in ${JSON.stringify(m[1])}, and Secret Manager takes ${why}. ` +
      `Use a key in ${JSON.stringify(location)}.`);
  }
}

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
    if (options.kmsKeyName) {
      assertKmsKeyName('GcpReplication.automatic', 'kmsKeyName', options.kmsKeyName, 'global', 'a key in "global" with automatic replication');
    }
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
      if (!isReference(r.location) && !REGION.test(r.location ?? '')) {
        throw new NoxusSecretsError(`GcpReplication.userManaged: location ${JSON.stringify(r.location)} is not a GCP region ` +
          '(Secret Manager replicates to regions: lowercase, e.g. "europe-west1"; not a zone, a multi-region or a display name). Use e.g. "europe-west1".');
      }
      if (r.kmsKeyName) {
        assertKmsKeyName('GcpReplication.userManaged', `kmsKeyName of ${r.location}`, r.kmsKeyName, r.location, 'a key in the replica\'s own location');
      }
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
