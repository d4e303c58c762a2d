import { ApiObject, Chart, DependencyGraph } from 'cdk8s';
import { objectIdentity } from '../core/objects';

/**
 * A message for each pair of objects of two different charts that Kubernetes would take for one
 * (two contracts in one namespace can derive one name twice).
 * @internal
 */
export function sameNamesAcrossCharts(all: Chart[]): string[] {
  const entries = all.flatMap(chart => objectsOf(chart)
    .map(o => ({ path: o.node.path, chart, manifest: { apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, namespace: o.metadata.namespace } } })));
  return sameNameObjects(entries.map(e => e.path), entries.map(e => e.manifest),
    'Two contracts in one namespace need different environments (their derived names start with noxus-<environment>), or namespaces of their own.',
    (a, b) => entries[a].chart !== entries[b].chart);
}

/**
 * A message for each pair of objects that Kubernetes would take for one (the same API group,
 * kind, namespace and name), by construct path: applying both keeps only the last. `counts`
 * says which pairs to report (across charts, those of two charts). Names the library
 * derives can meet a name the user chose, e.g. a generated value's ExternalSecret
 * '<shared Secret>-<key>' and the ExternalSecret of a pool whose Secret has that name.
 */
export function sameNameObjects(paths: string[], manifests: any[], fix: string, counts: (first: number, second: number) => boolean = () => true): string[] {
  const messages: string[] = [];
  const seen = new Map<string, number>();
  manifests.forEach((m, i) => {
    const key = objectIdentity(m);
    const other = seen.get(key);
    if (other === undefined) {
      seen.set(key, i);
      return;
    }
    if (!counts(other, i)) return;
    const where = m.metadata?.namespace !== undefined && m.kind !== 'Namespace' ? ` in namespace ${JSON.stringify(m.metadata.namespace)}` : '';
    messages.push(`NoxusPlatformSecrets: ${paths[other]} and ${paths[i]} are both ${m.kind} ${JSON.stringify(m.metadata?.name)}${where}; ` +
      `Kubernetes keeps one of them. ${m.kind === 'Namespace' ? 'Set createNamespace: false on all but one of the charts of that namespace.' : fix}`);
  });
  return messages;
}

/** The ApiObjects of one chart, in the order cdk8s writes them. */
export function objectsOf(chart: Chart): ApiObject[] {
  const all = chart.node.findAll();
  const ours = (c: unknown): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart;
  // With no dependency between its constructs, cdk8s's graph orders them as findAll does (each vertex is
  // a root, visited in insertion order); building the graph costs as much as rendering the objects.
  if (all.every(c => c.node.dependencies.length === 0)) return all.filter(ours);
  return new DependencyGraph(chart.node).topology().filter(ours);
}
