export { Cdk8sManifests, Cdk8sManifestsProps } from './cdk8s-manifests';
