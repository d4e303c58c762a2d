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
  const app = new App({ outdir: 'unused', skipValidation: false });
  const stack = buildAwsCdktn(app);
  const json = JSON.parse(Testing.synth(stack, true));
  expect(Object.keys(json.resource.aws_secretsmanager_secret)).toHaveLength(13);
});
