import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktn';
import { NoxusAwsSecrets } from 'noxus-secrets-cdk/cdktn/aws';
import { buildAwsCdktn } from '../../examples/aws-cdktn/main';
import { contract, oidcProviderArn } from '../../examples/aws/platform';

// This project maps cdktf to cdktn: every module of the library here is the cdktn flavour.

test('the construct is a cdktn construct: it lives in a cdktn stack, its resources are cdktn resources', () => {
  const stack = new TerraformStack(Testing.app(), 'noxus');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const aws = new NoxusAwsSecrets(stack, 'secrets', { contract, oidcProviderArn });
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

test('Parameter Store\'s write-only placeholders need a project that targets Terraform 1.11+, which cdktn checks and says', () => {
  const { SecretBackend, SecretsContract } = require('noxus-secrets-cdk');
  const ps = new SecretsContract({ blueprint: contract.blueprint, backend: SecretBackend.awsParameterStore({ region: 'eu-west-1' }), identity: contract.identity, namespace: 'noxus' });
  const build = (context?: object) => {
    const stack = new TerraformStack(Testing.app(context ? { context } : {}), 'noxus');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new NoxusAwsSecrets(stack, 'secrets', { contract: ps, oidcProviderArn });
    return () => Testing.synth(stack, true);
  };
  expect(build()).toThrow('write-only attributes requires terraform >=1.11.0, but the project targets terraform >=1.5.7');
  expect(build({ targetVersions: { terraform: '>=1.11.0' } })).not.toThrow();
});
