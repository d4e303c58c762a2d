import { PlatformSecret } from './platform-secret';
import { SecretCategory } from './secret-category';

const INFRA = SecretCategory.INFRASTRUCTURE;

/**
 * The platform secrets that the Noxus docs name (Deployment > Configuration >
 * Secrets), with their documented meaning. High-risk are those that grant
 * access to data or to a paid service.
 */
export class NoxusCatalog {
  public static readonly POSTGRESQL_URL = PlatformSecret._catalog({
    name: 'POSTGRESQL_URL', category: INFRA, highRisk: true,
    description: 'Primary PostgreSQL connection string (user:password@host:5432)',
  });
  public static readonly VECTOR_POSTGRESQL_URL = PlatformSecret._catalog({
    name: 'VECTOR_POSTGRESQL_URL', category: INFRA, highRisk: true,
    description: 'Vector database (pgvector) connection string',
  });
  public static readonly REDIS_URL = PlatformSecret._catalog({
    name: 'REDIS_URL', category: INFRA, highRisk: false,
    description: 'Redis host (without port)',
  });
  public static readonly REDIS_PASSWORD = PlatformSecret._catalog({
    name: 'REDIS_PASSWORD', category: INFRA, highRisk: true,
    description: 'Redis authentication password',
  });
  public static readonly REDIS_USER = PlatformSecret._catalog({
    name: 'REDIS_USER', category: INFRA, highRisk: false, optional: true,
    description: 'Redis username (optional, for ACL-based auth)',
  });
  public static readonly S3_ACCESS_KEY_ID = PlatformSecret._catalog({
    name: 'S3_ACCESS_KEY_ID', category: INFRA, highRisk: false,
    description: 'S3-compatible storage access key',
  });
  public static readonly S3_SECRET_ACCESS_KEY = PlatformSecret._catalog({
    name: 'S3_SECRET_ACCESS_KEY', category: INFRA, highRisk: true,
    description: 'S3-compatible storage secret key',
  });
  public static readonly PROM_REMOTE_WRITE_USERNAME = PlatformSecret._catalog({
    name: 'PROM_REMOTE_WRITE_USERNAME', category: SecretCategory.OBSERVABILITY, highRisk: false,
    description: 'Prometheus remote write basic auth username',
  });
  public static readonly PROM_REMOTE_WRITE_PASSWORD = PlatformSecret._catalog({
    name: 'PROM_REMOTE_WRITE_PASSWORD', category: SecretCategory.OBSERVABILITY, highRisk: false,
    description: 'Prometheus remote write basic auth password',
  });
  public static readonly PLUGIN_SERVER_API_KEY = PlatformSecret._catalog({
    name: 'PLUGIN_SERVER_API_KEY', category: SecretCategory.INTEGRATION, highRisk: true,
    description: 'Plugin server authentication key',
  });
  public static readonly PLUGIN_SERVER_PLATFORM_KEY = PlatformSecret._catalog({
    name: 'PLUGIN_SERVER_PLATFORM_KEY', category: SecretCategory.INTEGRATION, highRisk: true,
    description: 'Plugin server platform-level key',
  });

  /** Every documented platform secret, in the docs' order. */
  public static all(): PlatformSecret[] {
    return [
      NoxusCatalog.POSTGRESQL_URL,
      NoxusCatalog.VECTOR_POSTGRESQL_URL,
      NoxusCatalog.REDIS_URL,
      NoxusCatalog.REDIS_PASSWORD,
      NoxusCatalog.REDIS_USER,
      NoxusCatalog.S3_ACCESS_KEY_ID,
      NoxusCatalog.S3_SECRET_ACCESS_KEY,
      NoxusCatalog.PROM_REMOTE_WRITE_USERNAME,
      NoxusCatalog.PROM_REMOTE_WRITE_PASSWORD,
      NoxusCatalog.PLUGIN_SERVER_API_KEY,
      NoxusCatalog.PLUGIN_SERVER_PLATFORM_KEY,
    ];
  }

  private constructor() {}
}
