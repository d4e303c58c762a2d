import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { NoxusSecretsError } from '../core';
import { ReloadStrategy, reloaderAnnotations } from './reload-strategy';

const wired = new WeakSet<kplus.AbstractPod>();

/**
 * Adds `envFrom` of each Secret, in order (later ones override earlier keys),
 * to every container of the workload, and the Reloader annotations.
 * @internal
 */
export function wireWorkload(scope: Construct, workload: kplus.AbstractPod, secretNames: string[], reload: ReloadStrategy): void {
  const subject = `workload ${JSON.stringify(workload.node.path)}`;
  if (workload.containers.length === 0) {
    throw NoxusSecretsError.at(scope.node.path, `${subject} has no containers, so no container would receive the env Secrets ` +
      `(${secretNames.join(', ')}). Add its containers first, then attach.`);
  }
  if (wired.has(workload)) {
    throw NoxusSecretsError.at(scope.node.path, `${subject} is already wired to Noxus env Secrets; a second attach would add ` +
      'envFrom sources twice and make precedence unclear. Attach each workload once, to one service or pool.');
  }
  wired.add(workload);
  for (const name of secretNames) {
    const ref = kplus.Secret.fromSecretName(scope, `Ref-${workload.node.addr}-${name}`, name);
    for (const container of workload.containers) {
      container.env.copyFrom(kplus.Env.fromSecret(ref));
    }
  }
  for (const [key, value] of Object.entries(reloaderAnnotations(reload, secretNames))) {
    workload.metadata.addAnnotation(key, value);
  }
}
