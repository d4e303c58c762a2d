import { Construct } from 'constructs';
import { SERVICE_ANNOTATION } from '../audit';
import { NoxusSecretsError, boundedText } from '../core';
import { CSI_MOUNT_ROOT, PodRequirements } from './env-secret-source';
import { ReloadStrategy, reloaderAnnotations } from './reload-strategy';
import { IWorkload, cdk8sPlusOf } from './workload';

/** The annotation naming the pool of a wired worker workload. */
export const POOL_ANNOTATION = 'noxus-secrets-cdk/pool';

/** The Secrets Store CSI driver's name. */
export const CSI_DRIVER = 'secrets-store.csi.k8s.io';

/**
 * Adds `envFrom` of each Secret, in order (later ones override earlier keys),
 * to every container of the workload, the Reloader annotations and, for a
 * source that needs the pod (the CSI driver), its volumes.
 * @internal
 */
export function wireWorkload(scope: Construct, workload: IWorkload, secretNames: string[], reload: ReloadStrategy, pod: PodRequirements | undefined, role: { service: string; pool?: string }): void {
  const subject = `workload ${JSON.stringify(workload.node.path)}`;
  if (workload.containers.length === 0) {
    throw NoxusSecretsError.at(scope.node.path, `${subject} has no containers, so no container would receive the env Secrets ` +
      `(${secretNames.join(', ')}). Add its containers first, then attach.`);
  }
  // The annotation this library writes on a wired workload is the mark: no registry outside the tree.
  if (workload.metadata.toJson().annotations?.[SERVICE_ANNOTATION] !== undefined) {
    throw NoxusSecretsError.at(scope.node.path, `${subject} is already wired to Noxus env Secrets; a second attach would add ` +
      'envFrom sources twice and make precedence unclear. Attach each workload once, to one service or pool.');
  }
  if (pod && workload.serviceAccount?.name !== pod.serviceAccountName) {
    throw NoxusSecretsError.at(scope.node.path, `${subject} runs as ServiceAccount ${JSON.stringify(workload.serviceAccount?.name ?? 'default')}, ` +
      `but the CSI driver fetches its secrets as the pod's ServiceAccount, which must be ${JSON.stringify(pod.serviceAccountName)}. ` +
      'Create the workload with serviceAccount: kplus.ServiceAccount.fromServiceAccountName(scope, id, secrets.podServiceAccountName(...)).');
  }
  // The workload's own cdk8s-plus major makes what it is given; the Secrets and volumes are the workload's children.
  const plus = cdk8sPlusOf(scope.node.path, 'attach', workload);
  for (const name of secretNames) {
    const secret = plus.Secret.fromSecretName(workload, `NoxusSecretsEnv-${name}`, name);
    for (const container of workload.containers) container.env.copyFrom(plus.Env.fromSecret(secret));
  }
  for (const spc of pod?.providerClasses ?? []) {
    // A volume's name is a DNS label (63 at most), the class's a subdomain: a long pool name ends in a hash of the whole.
    const volume = plus.Volume.fromCsi(workload, `NoxusSecretsVolume-${spc}`, CSI_DRIVER, {
      name: boundedText(spc, 63), readOnly: true, attributes: { secretProviderClass: spc },
    });
    workload.addVolume(volume);
    for (const container of workload.containers) container.mount(`${CSI_MOUNT_ROOT}/${spc}`, volume, { readOnly: true });
  }
  const annotations = reloaderAnnotations(reload, secretNames);
  if (reload === ReloadStrategy.NAMED_SECRETS && pod) {
    annotations['secretproviderclass.reloader.stakater.com/reload'] = pod.providerClasses.join(',');
  }
  // Names the workload's role, so that the audit can tell Frontend from a worker.
  annotations[SERVICE_ANNOTATION] = role.service;
  if (role.pool !== undefined) annotations[POOL_ANNOTATION] = role.pool;
  for (const [key, value] of Object.entries(annotations)) {
    workload.metadata.addAnnotation(key, value);
  }
}
