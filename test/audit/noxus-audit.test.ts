import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { App as TfApp, TerraformStack, Testing } from 'cdktf';
import { auditMessages } from '../../lib/audit/noxus-audit';
import { AuditLevel, NOXUS_RULES, NoxusPlatformSecrets, NoxusService, SecretBackend, SecretsContract, WorkloadIdentity, formatFindings, runAudit, NoxusApp } from '../../lib';
import { NoxusAwsSecrets } from '../../lib/terraform/aws';
import { platform } from '../support/fixtures';

const poolValueSecret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'leak' }, stringData: { K: 'v' } };
const vaultScope = { resource: { azurerm_role_assignment: { a: { role_definition_name: 'Key Vault Secrets User', scope: '${azurerm_key_vault.v.id}' } } } };

test('each rule has a unique id, a level and a description', () => {
  expect(new Set(NOXUS_RULES.map(r => r.id)).size).toBe(NOXUS_RULES.length);
  for (const r of NOXUS_RULES) {
    expect(Object.values(AuditLevel)).toContain(r.level);
    expect(r.description.length).toBeGreaterThan(20);
  }
});

test('errors and warnings are sorted by level', () => {
  const report = runAudit({ manifests: [poolValueSecret], terraform: [vaultScope] });
  expect(report.errors.map(f => f.ruleId)).toEqual(['NX3']);
  expect(report.warnings.map(f => f.ruleId)).toEqual(['NX7']);
});

test('an acknowledgement with a reason sets a finding aside, and only its resource', () => {
  const report = runAudit({ manifests: [poolValueSecret], terraform: [vaultScope] }, {
    acknowledgements: [{ ruleId: 'NX7', reason: 'one shared vault per tenant by policy', resource: 'azurerm_role_assignment.a' }, { ruleId: 'NX3', reason: 'fixture for kind only', resource: 'Secret/other' }],
  });
  expect(report.acknowledged.map(f => [f.ruleId, f.reason])).toEqual([['NX7', 'one shared vault per tenant by policy']]);
  expect(report.errors.map(f => f.resource)).toEqual(['Secret/leak']);
});

test('an acknowledgement needs a real rule and a reason', () => {
  expect(() => runAudit({}, { acknowledgements: [{ ruleId: 'NX99', reason: 'because it is fine here' }] })).toThrow(
    'Audit: acknowledgement for rule "NX99", which does not exist (rules: NX1, NX2, NX3, NX3a, NX4, NX5, NX6, NX7, NX8, NX9, NX10, NX11, NX12, NX13, NX14, NX15, NX16). Fix the id.');
  expect(() => runAudit({}, { acknowledgements: [{ ruleId: 'NX7', reason: 'ok' }] })).toThrow(
    'Audit: acknowledgement of NX7 has reason "ok", which does not say why (a reason of at least 10 characters). ' +
    'Say why the finding is acceptable here, e.g. reason: "the migration job reads every secret, reviewed in SEC-123".');
});

test('auditMessages returns one message per error and prints warnings and acknowledgements', () => {
  const printed: string[] = [];
  const report = runAudit({ manifests: [poolValueSecret], terraform: [vaultScope] });
  expect(auditMessages(report, 'app/x', s => printed.push(s))).toEqual(
    report.errors.map(f => `Audit ${formatFindings([f])} (fix it, or acknowledge it with a reason; nothing was written)`));
  expect(report.errors).toHaveLength(1);
  expect(printed).toEqual([`noxus-secrets audit (app/x) warnings:\n${formatFindings(report.warnings)}`]);
});

describe('on synth', () => {
  test('cdk8s: a Frontend that also reads a pool Secret fails the synth, and nothing is written', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-audit-'));
    const app = new NoxusApp({ outdir });
    const secrets = new NoxusPlatformSecrets(app, 'noxus-secrets', { contract: new SecretsContract({ blueprint: platform() }) });
    const apps = new Chart(app, 'apps');
    const frontend = new kplus.Deployment(apps, 'frontend');
    frontend.addContainer({ image: 'noxus/frontend:1', securityContext: { ensureNonRoot: false } });
    secrets.attachService(frontend, NoxusService.FRONTEND);
    frontend.containers[0].env.copyFrom(kplus.Env.fromSecret(kplus.Secret.fromSecretName(apps, 'acme', 'app-env-tenant-acme')));
    expect(() => app.synth()).toThrow(/\[noxus-secrets\] Audit NX1 error .*nothing was written/);
    expect(() => app.synth()).toThrow('NX1 error Deployment/apps-frontend-c834ce06: frontend container "main" reads the pool Secret "app-env-tenant-acme"');
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('cdk8s: the audit can be acknowledged or turned off', () => {
    const build = (audit: any) => {
      const app = new NoxusApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-audit-')) });
      const secrets = new NoxusPlatformSecrets(app, 'noxus-secrets', { contract: new SecretsContract({ blueprint: platform() }), audit });
      const d = new kplus.Deployment(new Chart(app, 'apps'), 'frontend');
      d.addContainer({ image: 'noxus/frontend:1', securityContext: { ensureNonRoot: false } });
      secrets.attachService(d, NoxusService.FRONTEND);
      d.containers[0].env.copyFrom(kplus.Env.fromSecret(kplus.Secret.fromSecretName(d, 'acme', 'app-env-tenant-acme')));
      return app;
    };
    expect(() => build({ enabled: false }).synth()).not.toThrow();
    const write = process.stderr.write;
    const printed: string[] = [];
    process.stderr.write = ((s: string) => { printed.push(s); return true; }) as any;
    try {
      expect(() => build({ acknowledgements: [{ ruleId: 'NX1', reason: 'frontend proxies tenant webhooks on purpose' }] }).synth()).not.toThrow();
    } finally {
      process.stderr.write = write;
    }
    expect(printed.join('')).toContain('(acknowledged: frontend proxies tenant webhooks on purpose)');
  });

  test('cdktf: a widened policy fails the synth of the stack', () => {
    const stack = new TerraformStack(Testing.app() as TfApp, 'test');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const contract = new SecretsContract({
      blueprint: platform(), backend: SecretBackend.awsSecretsManager({ region: 'eu-west-1' }), identity: WorkloadIdentity.irsa({ accountId: '123456789012' }), namespace: 'noxus',
    });
    const aws = new NoxusAwsSecrets(stack, 'secrets', {
      contract, oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X',
      valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'],
    });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const policy = aws.node.findChild('Read-pool-default') as any;
    policy.addOverride('policy', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['secretsmanager:*'], Resource: ['*'] }] }));
    expect(() => Testing.synth(stack, true)).toThrow('NX5 error aws_iam_role_policy.secrets_Read-pool-default');
  });
});
