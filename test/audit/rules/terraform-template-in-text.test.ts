import { TerraformTemplateInText } from '../../../lib';
import { liveTemplates } from '../../../lib/audit/rules/terraform-template-in-text';

const doc = (value: string) => ({ resource: { aws_secretsmanager_secret: { s: { description: value } } } });

test('compliant: the library\'s references, a function over them, and escaped text', () => {
  for (const value of [
    '${aws_kms_key.key.arn}', 'arn:aws:iam::${data.aws_caller_identity.a.account_id}:role/x',
    '${replace(aws_iam_openid_connect_provider.oidc.arn, "/^(.*provider/)/", "")}:sub', 'keep $${file("/etc/passwd")} and %%{ if x }',
  ]) expect(TerraformTemplateInText.check({ terraform: [doc(value)] })).toEqual([]);
});

test('non-compliant: a file function, a path reference, a directive', () => {
  const findings = (value: string) => TerraformTemplateInText.check({ terraform: [doc(value)] });
  expect(findings('a ${file("/etc/passwd")}')).toEqual([{
    resource: 'aws_secretsmanager_secret.s',
    message: 'description holds the live template ${file("/etc/passwd")}, which Terraform would evaluate at plan. ' +
      'Escape it ($${ or %%{) where the text is written; if it came from your input, it should have been text.',
  }]);
  expect(findings('${path.module}/x')).toHaveLength(1);
  expect(findings('%{ if true }x%{ endif }')).toHaveLength(2);
  expect(findings('${templatefile("t", {})}')).toHaveLength(1);
});

test('live templates are found past quotes and nested braces, escapes are not', () => {
  expect(liveTemplates('a ${f("}", {b = 1})} $${x} %%{y} %{z}')).toEqual([{ kind: '$', expression: 'f("}", {b = 1})' }, { kind: '%', expression: 'z' }]);
});
