import { StoreTrustSessionTags } from '../../../lib';

const role = (Statement: any) => ({ resource: { aws_iam_role: { r: { assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [Statement] }) } } } });
const chained = (Condition?: any) => ({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:role/controller' }, Action: ['sts:AssumeRole', 'sts:TagSession'], ...(Condition ? { Condition } : {}) });
const agent = (Condition?: any) => ({ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'], ...(Condition ? { Condition } : {}) });

test('compliant: a store role pinned to the store\'s session tags, a controller role pinned to its cluster, namespace and ServiceAccount', () => {
  expect(StoreTrustSessionTags.check({ terraform: [role(chained({ StringEquals: { 'aws:RequestTag/esoNamespace': 'noxus', 'aws:RequestTag/esoStoreName': 'noxus-platform' } }))] })).toEqual([]);
  expect(StoreTrustSessionTags.check({ terraform: [role(agent({
    StringEquals: { 'aws:RequestTag/eks-cluster-arn': 'arn', 'aws:RequestTag/kubernetes-namespace': 'eso', 'aws:RequestTag/kubernetes-service-account': 'eso' },
  }))] })).toEqual([]);
});

test('non-compliant: a store role any store of the controller can assume, a controller role any pod can', () => {
  expect(StoreTrustSessionTags.check({ terraform: [role(chained())] })).toEqual([{
    resource: 'aws_iam_role.r',
    message: 'trusts sts:AssumeRole without StringEquals on aws:RequestTag/esoNamespace, aws:RequestTag/esoStoreName: pin the session tags ESO (2.5.0 or later, ' +
      'sessionTagsPolicy: Simple) sets for the store, so a SecretStore in another namespace that names the role is refused.',
  }]);
  expect(StoreTrustSessionTags.check({ terraform: [role(agent({ StringEquals: { 'aws:RequestTag/kubernetes-namespace': 'eso' } }))] })).toEqual([{
    resource: 'aws_iam_role.r',
    message: 'trusts sts:AssumeRole without StringEquals on aws:RequestTag/eks-cluster-arn, aws:RequestTag/kubernetes-service-account: pin the cluster, namespace and ' +
      'ServiceAccount Pod Identity tags the session with, so only the ESO controller of this cluster gets it.',
  }]);
});
