/**
 * The mark of a NoxusPlatformSecrets chart. cdk8s makes `instanceof` true for every Chart subclass of
 * any Chart, so the library recognises its chart by this property; modules that cannot import the
 * chart (it imports them) read the same symbol.
 */
export const NOXUS_CHART = Symbol.for('noxus-secrets-cdk.NoxusPlatformSecrets');
