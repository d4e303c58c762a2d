import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { App, TerraformStack, TerraformVariable, Testing } from 'cdktn';
import { NoxusAwsSecrets } from 'noxus-secrets-cdk/cdktn/aws';
import { buildAwsCdktn } from '../../examples/aws-cdktn/main';
import { contract, oidcProviderArn } from '../../examples/aws/platform';

// This project maps cdktf to cdktn: every module of the library here is the cdktn flavour.

test('the construct is a cdktn construct: it lives in a cdktn stack, its resources are cdktn resources', () => {
  const stack = new TerraformStack(Testing.app(), 'noxus');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const aws = new NoxusAwsSecrets(stack, 'secrets', { valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'], contract, oidcProviderArn });
  expect(TerraformStack.of(aws)).toBe(stack);
  const json = JSON.parse(Testing.synth(stack, true));
  expect(Object.values<any>(json.resource.aws_iam_role).map(r => r.name).sort()).toEqual(['noxus-eso-platform', 'noxus-eso-pool-default', 'noxus-eso-pool-tenant-acme']);
  expect(json.terraform.required_providers.aws.source).toBe('hashicorp/aws');
});

test('examples/aws-cdktn synthesizes with cdktn', () => {
  // An App makes its output folder when it is created: this one goes under the test run's temp folder.
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'noxus-cdktn-')), skipValidation: false });
  const stack = buildAwsCdktn(app);
  const json = JSON.parse(Testing.synth(stack, true));
  expect(Object.keys(json.resource.aws_secretsmanager_secret)).toHaveLength(13);
});

test('a value Terraform writes is write-only, which needs a project that targets Terraform 1.11+, as cdktn checks and says; values set by hand need none', () => {
  const { SecretBackend, SecretsContract, ValueSource } = require('noxus-secrets-cdk');
  const build = (context: object | undefined, fromTerraform: boolean) => {
    const stack = new TerraformStack(Testing.app(context ? { context } : {}), 'noxus');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const token = new TerraformVariable(stack, 'token', { type: 'string', sensitive: true }).stringValue;
    const ps = new SecretsContract({
      blueprint: contract.blueprint, backend: SecretBackend.awsParameterStore({ region: 'eu-west-1' }), identity: contract.identity, namespace: 'noxus',
      values: fromTerraform ? { PLUGIN_SERVER_API_KEY: ValueSource.fromTerraform(token) } : {},
    });
    new NoxusAwsSecrets(stack, 'secrets', {
      valueWriters: ['arn:aws:iam::123456789012:role/noxus-secrets-admin'], deployerArn: 'arn:aws:iam::123456789012:role/terraform', contract: ps, oidcProviderArn,
    });
    return () => Testing.synth(stack, true);
  };
  expect(build(undefined, true)).toThrow('write-only attributes requires terraform >=1.11.0, but the project targets terraform >=1.5.7');
  expect(build({ targetVersions: { terraform: '>=1.11.0' } }, true)).not.toThrow();
  expect(build(undefined, false)).not.toThrow();
});
