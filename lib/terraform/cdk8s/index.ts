import './peers';

export { Cdk8sManifests } from './cdk8s-manifests';
export type { Cdk8sManifestsProps } from './cdk8s-manifests';
