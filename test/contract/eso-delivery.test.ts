import * as fc from 'fast-check';
import { Testing as Cdk8sTesting } from 'cdk8s';
import { NoxusPlatformSecrets, PlatformSecret, RotationPeriod, SecretBackend, SecretCategory, SecretsBlueprint, SecretsContract, SourceSecret, ValueSource, WorkloadIdentity, NoxusApp } from '../../lib';
import { EsoNamespace, deliveryProblems, everyRemoteKeySet, goQueryEscape, renderGoTemplate } from '../support/eso-reconcile';
import { synthesizedExamples } from '../support/examples';
import { platformProps } from '../support/fixtures';
import { isGeneratedValueRefusal, validModel } from '../property/models';
import { validateAll } from '../support/schema';

// What ESO does with the ExternalSecrets the library writes, by the oracle written from its
// reconciler (test/support/eso-reconcile.ts): every env Secret has one writer, a value not set
// yet is never delivered as a stand-in, generated values arrive once and stay.

const SM = SecretBackend.awsSecretsManager({ region: 'eu-west-1' });
const IRSA = WorkloadIdentity.irsa({ accountId: '123456789012' });
const RDS_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0123-AbCdEf';

const OPTIONAL = PlatformSecret.custom({ name: 'SENTRY_DSN', category: SecretCategory.OBSERVABILITY, optional: true });
const ROTATED = PlatformSecret.custom({ name: 'SIGNING_KEY', category: SecretCategory.IDENTITY, rotation: RotationPeriod.days(30) });

function contract(values: Record<string, ValueSource> = {}) {
  const props = platformProps();
  return new SecretsContract({
    blueprint: new SecretsBlueprint({ ...props, secrets: [...props.secrets, OPTIONAL, ROTATED], global: [...props.global!, 'SENTRY_DSN', 'SIGNING_KEY'] }),
    backend: SM, identity: IRSA, namespace: 'noxus', values,
  });
}

const manifestsOf = (c: SecretsContract) => Cdk8sTesting.synth(new NoxusPlatformSecrets(new NoxusApp(), 'secrets', { contract: c }));
const externalSecrets = (all: any[]) => all.filter(m => m.kind === 'ExternalSecret');

describe('the Go template subset the oracle runs', () => {
  test('missingkey=error fails .KEY on a missing key; index gives ""; with/else; pipes', () => {
    expect(renderGoTemplate('{{ .A }}', { A: 'x' })).toBe('x');
    expect(() => renderGoTemplate('{{ .A }}', {})).toThrow('map has no entry for key "A"');
    expect(renderGoTemplate('[{{ index . "A.b" }}]', {})).toBe('[]');
    expect(renderGoTemplate('{{ with index . "A" }}<{{ . | upper }}>{{ else }}none{{ end }}', { A: 'x' })).toBe('<X>');
    expect(renderGoTemplate('{{ with index . "A" }}<{{ . }}>{{ else }}none{{ end }}', {})).toBe('none');
    expect(renderGoTemplate('{{ . | urlquery | replace "+" "%20" }}', 'a b+c' as any)).toBe('a%20b%2Bc');
    expect(() => renderGoTemplate('{{ fail "boom" }}', {})).toThrow('error calling fail: boom');
    expect(() => renderGoTemplate('{{ .A | sha256sum }}', { A: 'x' })).toThrow('oracle: template command');
    expect(goQueryEscape('ü')).toBe('%C3%BC');
  });
});

describe('one writer per Secret', () => {
  const examples = synthesizedExamples();

  test('every example\'s manifests: no two ExternalSecrets write one Secret', () => {
    for (const example of ['aws', 'gcp', 'azure', 'vault']) {
      const all = examples.k8s(example);
      expect([example, deliveryProblems(all)]).toEqual([example, []]);
    }
  });

  test('every Terraform example that embeds manifests: no two ExternalSecrets write one Secret', () => {
    for (const example of ['aws-eks-onestack', 'aws-rds', 'gcp-gke-onestack', 'azure-onestack']) {
      const manifests = Object.values<any>(examples.terraform(example).resource?.kubernetes_manifest ?? {}).map(r => r.manifest);
      expect([example, externalSecrets(manifests).length > 0]).toEqual([example, true]);
      expect([example, deliveryProblems(manifests)]).toEqual([example, []]);
    }
  });

  test('random models with generated and composed values: one writer each, and ESO accepts every ownership', () => {
    fc.assert(fc.property(validModel, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (props, generate) => {
      const values = Object.fromEntries(props.secrets.filter((s, i) => generate[i] && props.global!.includes(s.name) && !props.workerOnly!.includes(s.name) && !(props.pools ?? []).some(p => p.secrets?.includes(s.name)))
        .map(s => [s.name, ValueSource.generated()]));
      const c = new SecretsContract({ blueprint: new SecretsBlueprint(props), backend: SM, identity: IRSA, namespace: 'noxus', values });
      let all: any[];
      try {
        all = manifestsOf(c);
      } catch (e) {
        // A model the library refuses by design, naming why (isGeneratedValueRefusal); anything else fails here.
        if (!isGeneratedValueRefusal(e)) throw e;
        return;
      }
      expect(deliveryProblems(all)).toEqual([]);
    }), { numRuns: 40 });
  });
});

describe('a value the operator has not set yet', () => {
  test('optional and not set: left out of the Secret, the other keys delivered', () => {
    const all = manifestsOf(contract());
    validateAll(all);
    const ns = new EsoNamespace(externalSecrets(all), everyRemoteKeySet(all, ['SENTRY_DSN']));
    const results = ns.settle();
    expect(results.filter(r => !r.ok)).toEqual([]);
    const shared = ns.secrets.get('app-env')!.data;
    expect(shared).not.toHaveProperty('SENTRY_DSN');
    expect(shared.REDIS_PASSWORD).toBe('REDIS_PASSWORD-v');
  });

  test('optional and set: delivered byte for byte, whatever its characters', () => {
    const all = manifestsOf(contract());
    for (const value of ['https://k@o1.ingest.sentry.io/2', 'a: b', '"quoted"\n<&>', 'NO', '123', 'ü\u2028']) {
      const ns = new EsoNamespace(externalSecrets(all), { ...everyRemoteKeySet(all), 'noxus/platform/SENTRY_DSN': value });
      ns.settle();
      expect([value, ns.secrets.get('app-env')!.data.SENTRY_DSN]).toEqual([value, value]);
    }
  });

  test('required and not set: the sync fails naming the key, and no Secret is written', () => {
    const all = manifestsOf(contract());
    const ns = new EsoNamespace(externalSecrets(all), everyRemoteKeySet(all, ['REDIS_PASSWORD']));
    const shared = ns.settle().find(r => r.name === 'app-env')!;
    expect(shared.ok).toBe(false);
    expect(shared.error).toContain('map has no entry for key "REDIS_PASSWORD"');
    expect(ns.secrets.has('app-env')).toBe(false);
  });

  test('the library\'s shape is what makes it so: with deletionPolicy Retain, one optional key not set fails every key', () => {
    const all = manifestsOf(contract());
    const retain = externalSecrets(all).map(es => ({ ...es, spec: { ...es.spec, target: { ...es.spec.target, deletionPolicy: 'Retain' } } }));
    const ns = new EsoNamespace(retain, everyRemoteKeySet(all, ['SENTRY_DSN']));
    expect(ns.settle().find(r => r.name === 'app-env')!.error).toContain('(key: noxus/platform/SENTRY_DSN)');
  });

  test('a composed value whose source lacks a key fails by name, never a URL with an empty password', () => {
    const source = new SourceSecret({ key: RDS_ARN, keys: ['username', 'password'] });
    const all = manifestsOf(contract({ POSTGRESQL_URL: ValueSource.postgresUrl({ source, host: 'db.example.com', database: 'noxus' }) }));
    const remote = everyRemoteKeySet(all);
    const ok = new EsoNamespace(externalSecrets(all), remote);
    ok.settle();
    expect(ok.secrets.get('app-env')!.data.POSTGRESQL_URL).toBe('postgresql://username-v:password-v@db.example.com:5432/noxus?sslmode=require');
    expect(Object.keys(ok.secrets.get('app-env')!.data).filter(k => k.includes('.'))).toEqual([]);
    const ns = new EsoNamespace(externalSecrets(all), { ...remote, [RDS_ARN]: JSON.stringify({ username: 'u' }) });
    expect(ns.settle().find(r => r.name === 'app-env')!.error).toContain('POSTGRESQL_URL: key password of source db is missing or empty');
  });
});

describe('generated values', () => {
  const values = () => ({ PLUGIN_SERVER_API_KEY: ValueSource.generated(), SIGNING_KEY: ValueSource.generated({ length: 64 }) });

  test('each is written by an ExternalSecret of its own into a Secret of its own, which the env Secret\'s ExternalSecret reads', () => {
    const all = manifestsOf(contract(values()));
    validateAll(all);
    // Its own ExternalSecret's spec is asserted in full in values-from-owners.test.ts.
    const own = externalSecrets(all).find(es => es.metadata.name === 'app-env-plugin-server-api-key')!;
    expect(own.spec.target).toEqual({ name: 'app-env-plugin-server-api-key', creationPolicy: 'Owner', deletionPolicy: 'Retain' });
    const main = externalSecrets(all).find(es => es.metadata.name === 'app-env')!;
    expect(main.spec.target.template.templateFrom).toEqual(expect.arrayContaining([
      { target: 'Data', secret: { name: 'app-env-plugin-server-api-key', items: [{ key: 'PLUGIN_SERVER_API_KEY', templateAs: 'Values' }] } },
    ]));
  });

  test('generated once, delivered into the env Secret, and kept across refreshes of its other keys', () => {
    const all = manifestsOf(contract(values()));
    const ns = new EsoNamespace(externalSecrets(all), everyRemoteKeySet(all));
    expect(ns.settle().filter(r => !r.ok)).toEqual([]);
    const first = ns.secrets.get('app-env')!.data;
    expect(first.PLUGIN_SERVER_API_KEY).toMatch(/^gen-\d+$/);
    expect(first.SIGNING_KEY).toMatch(/^gen-\d+$/);
    expect(first.SIGNING_KEY).not.toBe(first.PLUGIN_SERVER_API_KEY);
    // An operator changes a key set by hand; the next refreshes deliver it and keep the generated ones.
    ns.remote = { ...ns.remote, 'noxus/platform/REDIS_PASSWORD': 'rotated' };
    ns.advance('1h');
    expect(ns.reconcileAll().filter(r => r.refreshed).map(r => r.name)).not.toContain('app-env-plugin-server-api-key');
    const later = ns.secrets.get('app-env')!.data;
    expect(later.REDIS_PASSWORD).toBe('rotated');
    expect(later.PLUGIN_SERVER_API_KEY).toBe(first.PLUGIN_SERVER_API_KEY);
  });

  test('rotated on purpose by deleting its own Secret: ESO generates it again, and the env Secret takes it at its next refresh', () => {
    const all = manifestsOf(contract(values()));
    const ns = new EsoNamespace(externalSecrets(all), everyRemoteKeySet(all));
    ns.settle();
    const before = ns.secrets.get('app-env')!.data.SIGNING_KEY;
    ns.secrets.delete('app-env-signing-key');
    ns.reconcileAll();
    const regenerated = ns.secrets.get('app-env-signing-key')!.data.SIGNING_KEY;
    expect(regenerated).not.toBe(before);
    ns.advance('1h');
    ns.reconcileAll();
    expect(ns.secrets.get('app-env')!.data.SIGNING_KEY).toBe(regenerated);
  });

  test('a store that holds only generated values: one ExternalSecret generates them into the env Secret, once', () => {
    const c = new SecretsContract({
      blueprint: new SecretsBlueprint({ secrets: [ROTATED, OPTIONAL], global: ['SENTRY_DSN'], pools: [{ name: 'default', secrets: ['SIGNING_KEY'] }] }),
      backend: SM, identity: IRSA, namespace: 'noxus', values: { SIGNING_KEY: ValueSource.generated() },
    });
    const all = manifestsOf(c);
    validateAll(all);
    const pool = externalSecrets(all).filter(es => es.spec.target.name === 'app-env-default');
    expect(pool).toHaveLength(1);
    expect(pool[0].spec.refreshPolicy).toBe('Periodic');
    const ns = new EsoNamespace(externalSecrets(all), {});
    ns.settle();
    expect(ns.secrets.get('app-env-default')!.data.SIGNING_KEY).toMatch(/^gen-/);
  });

  test('a store of only generated values with two rotation periods is refused: one ExternalSecret regenerates all on one period', () => {
    const c = new SecretsContract({
      blueprint: new SecretsBlueprint({ secrets: [ROTATED, OPTIONAL, PlatformSecret.custom({ name: 'SALT' })], global: ['SENTRY_DSN'], pools: [{ name: 'default', secrets: ['SIGNING_KEY', 'SALT'] }] }),
      backend: SM, identity: IRSA, namespace: 'noxus', values: { SIGNING_KEY: ValueSource.generated(), SALT: ValueSource.generated() },
    });
    expect(() => manifestsOf(c)).toThrow('[secrets/Pool-default/Resource] ExternalSecretSync "app-env-default": the store holds only generated values ' +
      '(SALT: never rotated, SIGNING_KEY: every 30 days), which one ExternalSecret generates together on one period. Give them the same rotation period, ' +
      'or add a value set by hand to the store (each generated value then has its own).');
  });

  test('symbols never include "{", which the env Secret\'s template would read as an action', () => {
    expect(ValueSource.generated({ symbols: 4 }).generator!.symbolCharacters).toBe('~!@#$%^&*()_+`-=}|[]\\:"<>?,./');
    expect(() => ValueSource.generated({ symbols: 2, symbolCharacters: '{}' })).toThrow(
      'ValueSource.generated: symbolCharacters "{}" has \'{\': the env Secret\'s ExternalSecret reads a generated value as template text (ESO\'s templateFrom), ' +
      "where '{{' would start an action. Leave '{' out.");
    // Any value drawn from the default set renders as itself.
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'~!@#$%^&*()_+`-=}|[]\\:"<>?,./aZ9'.split('')), minLength: 1, maxLength: 40 }), v => renderGoTemplate(v, {}) === v));
  });
});
