import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';

// The bodies of the External Secrets Operator objects this library writes, typed from ESO's CRDs
// (external-secrets v2.9.0: config/crds/bases/external-secrets.io_externalsecrets.yaml, version v1;
// generators.external-secrets.io_passwords.yaml, version v1alpha1). ESO publishes no TypeScript
// package, and the objects stay ApiObjects: these interfaces list the fields the library sets, with
// the CRD's names and enums, so that a misspelt or misplaced field is a compile error. A field
// that is not here is one the library does not write. Tests validate the output against the CRDs.

/** `secretStoreRef`, `sourceRef.storeRef`. */
export interface EsoStoreRef {
  readonly name: string;
  readonly kind: 'SecretStore' | 'ClusterSecretStore';
}

/** `sourceRef.generatorRef`. */
export interface EsoGeneratorRef {
  /** @default 'generators.external-secrets.io/v1alpha1' */
  readonly apiVersion?: string;
  readonly kind: 'Password' | 'ClusterGenerator';
  readonly name: string;
}

/** `data[].remoteRef`. */
export interface EsoRemoteRef {
  readonly key: string;
  readonly property?: string;
  readonly version?: string;
}

/** `data[]`: one key of the target from one remote secret. */
export interface EsoDataEntry {
  readonly secretKey: string;
  readonly remoteRef: EsoRemoteRef;
  readonly sourceRef?: { readonly storeRef?: EsoStoreRef; readonly generatorRef?: EsoGeneratorRef };
}

/** `dataFrom[]`: whole remote secrets, or a generator, into the target. */
export interface EsoDataFrom {
  readonly extract?: { readonly key: string; readonly property?: string; readonly version?: string };
  readonly find?: { readonly name?: { readonly regexp: string }; readonly path?: string; readonly tags?: Record<string, string> };
  readonly rewrite?: ReadonlyArray<{ readonly regexp: { readonly source: string; readonly target: string } }>;
  readonly sourceRef?: { readonly storeRef?: EsoStoreRef; readonly generatorRef?: EsoGeneratorRef };
}

/** `target.template.templateFrom[]`. */
export interface EsoTemplateFrom {
  /** @default 'Data' */
  readonly target?: 'Data' | 'Annotations' | 'Labels';
  readonly literal?: string;
  readonly secret?: { readonly name: string; readonly items: ReadonlyArray<{ readonly key: string; readonly templateAs?: 'Values' | 'KeysAndValues' }> };
}

/** `target.template`: the shape of the Secret ESO writes. */
export interface EsoTemplate {
  readonly type?: string;
  /** @default 'v2' */
  readonly engineVersion?: 'v2';
  readonly metadata?: { readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly data?: Record<string, string>;
  readonly templateFrom?: readonly EsoTemplateFrom[];
}

/** `target`: the Secret ESO writes. */
export interface EsoTarget {
  readonly name: string;
  /** @default 'Owner' */
  readonly creationPolicy?: 'Owner' | 'Orphan' | 'Merge' | 'None';
  /** @default 'Retain' */
  readonly deletionPolicy?: 'Delete' | 'Merge' | 'Retain';
  readonly template?: EsoTemplate;
}

/** An ExternalSecret's `spec` (external-secrets.io/v1). */
export interface EsoExternalSecretSpec {
  /** A Go duration. @default '1h0m0s' */
  readonly refreshInterval?: string;
  /** @default - Periodic when refreshInterval is not 0 */
  readonly refreshPolicy?: 'CreatedOnce' | 'Periodic' | 'OnChange';
  /** @default - none: every entry names its sourceRef */
  readonly secretStoreRef?: EsoStoreRef;
  readonly target?: EsoTarget;
  readonly data?: readonly EsoDataEntry[];
  readonly dataFrom?: readonly EsoDataFrom[];
}

/** A Password generator's `spec` (generators.external-secrets.io/v1alpha1). */
export interface EsoPasswordSpec {
  /** @default 24 */
  readonly length: number;
  readonly digits?: number;
  readonly symbols?: number;
  readonly symbolCharacters?: string;
  /** @default false */
  readonly noUpper: boolean;
  /** @default false */
  readonly allowRepeat: boolean;
}

/** An ExternalSecret (external-secrets.io/v1), its spec typed. */
export class EsoExternalSecret extends ApiObject {
  constructor(scope: Construct, id: string, props: { readonly metadata: ApiObjectMetadata; readonly spec: EsoExternalSecretSpec }) {
    super(scope, id, { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', ...props });
  }
}

/** A Password generator (generators.external-secrets.io/v1alpha1), its spec typed. */
export class EsoPassword extends ApiObject {
  constructor(scope: Construct, id: string, props: { readonly metadata: ApiObjectMetadata; readonly spec: EsoPasswordSpec }) {
    super(scope, id, { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'Password', ...props });
  }
}
