import './peers';
// The flavour's reference check, for core's checks of what the app passes before any construct of this entry.
import '../references';

export { Cdk8sManifests } from './cdk8s-manifests';
export type { Cdk8sManifestsProps } from './cdk8s-manifests';
