import { TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { isListReference, isReference, jsonOf } from '../../lib/terraform/references';

const stack = () => new TerraformStack(Testing.app(), 'refs');

test('a reference of each kind is one; literals, and text that only looks like one, are not', () => {
  const s = stack();
  const v = (type: string) => new TerraformVariable(s, `v-${type.replace(/\W/g, '')}`, { type });
  expect([isReference(v('string').stringValue), isReference(v('list(string)').listValue), isReference(v('number').numberValue)]).toEqual([true, true, true]);
  expect([isReference('arn:aws:iam::1:role/x'), isReference(['a']), isReference(30), isReference(undefined), isReference('${TfToken[')]).toEqual([false, false, false, false, false]);
  expect(isListReference(v('list(number)').listValue[0])).toBe(true);
  expect(isListReference(Token.asString({ Ref: 'x' }))).toBe(false);
});

test('a document without list references is its JSON text; with one, Terraform\'s jsonencode with the list concatenated', () => {
  const s = stack();
  const doc = { Statement: [{ Principal: { AWS: ['arn:aws:iam::1:role/a', new TerraformVariable(s, 'one', { type: 'string' }).stringValue] } }] };
  expect(jsonOf(doc)).toBe(JSON.stringify(doc));
  const list = new TerraformVariable(s, 'many', { type: 'list(string)' }).listValue;
  const withList = { Statement: [{ Principal: { AWS: ['arn:aws:iam::1:role/a', ...list] } }] };
  new TerraformOutput(s, 'policy', { value: jsonOf(withList) });
  // Text with a reference inside, beside a list reference: each reference an argument of join, never a nested ${${...}}.
  const account = new TerraformVariable(s, 'account', { type: 'string' }).stringValue;
  new TerraformOutput(s, 'mixed', { value: jsonOf({ AWS: [`arn:aws:iam::${account}:role/a`, ...list] }) });
  const out = JSON.parse(Testing.synth(s)).output;
  expect(out.mixed.value).toBe('${jsonencode({"AWS" = concat([join("", ["arn:aws:iam::", var.account, ":role/a"])], var.many)})}');
  expect(out.policy.value).toBe('${jsonencode({"Statement" = [{"Principal" = {"AWS" = concat(["arn:aws:iam::1:role/a"], var.many)}}]})}');
});
