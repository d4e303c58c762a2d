import { WebIdentityTrustConditions } from '../../../lib';
import { irsaTrustPolicy } from '../../../lib/terraform/aws/iam-policies';

const role = (doc: any) => ({ resource: { aws_iam_role: { r: { assume_role_policy: JSON.stringify(doc) } } } });
const OIDC = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X';

test('compliant: the library\'s IRSA trust pins :sub and :aud', () => {
  expect(WebIdentityTrustConditions.check({ terraform: [role(irsaTrustPolicy(OIDC, 'noxus', 'sa'))] })).toEqual([]);
});

test('non-compliant: web identity trust without :aud', () => {
  const doc = irsaTrustPolicy(OIDC, 'noxus', 'sa') as any;
  delete doc.Statement[0].Condition.StringEquals['oidc.eks.eu-west-1.amazonaws.com/id/X:aud'];
  expect(WebIdentityTrustConditions.check({ terraform: [role(doc)] })).toEqual([{
    resource: 'aws_iam_role.r', message: 'trusts web identities without a StringEquals condition on <issuer>:aud. Pin it (system:serviceaccount:<ns>:<sa>, sts.amazonaws.com).',
  }]);
});

describe('a trust derived in Terraform (aws_iam_policy_document)', () => {
  const doc = (conditions: any[]) => ({
    data: { aws_iam_policy_document: { t: { statement: [{ actions: ['sts:AssumeRoleWithWebIdentity'], principals: [{ type: 'Federated', identifiers: ['${aws_iam_openid_connect_provider.eks.arn}'] }], condition: conditions }] } } },
  });
  const sub = { test: 'StringEquals', variable: '${replace(aws_iam_openid_connect_provider.eks.arn, "/^(.*provider/)/", "")}:sub', values: ['system:serviceaccount:noxus:sa'] };
  const aud = { test: 'StringEquals', variable: '${replace(aws_iam_openid_connect_provider.eks.arn, "/^(.*provider/)/", "")}:aud', values: ['sts.amazonaws.com'] };
  test('compliant: both conditions pinned', () => {
    expect(WebIdentityTrustConditions.check({ terraform: [doc([sub, aud])] })).toEqual([]);
  });
  test('non-compliant: :sub only as StringLike', () => {
    expect(WebIdentityTrustConditions.check({ terraform: [doc([{ ...sub, test: 'StringLike' }, aud])] })).toEqual([{
      resource: 'data.aws_iam_policy_document.t', message: 'trusts web identities without a StringEquals condition on <issuer>:sub. Pin it (system:serviceaccount:<ns>:<sa>, sts.amazonaws.com).',
    }]);
  });
});
