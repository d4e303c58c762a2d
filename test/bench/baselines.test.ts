import { parseAllDocuments } from 'yaml';
import { filesOf } from '../../bench/workloads';

// The benchmark's ratios compare the library with baselines that write the same objects and files
// by hand (bench/workloads.ts). The bench checks the sizes on every run; this checks the contents
// on every test run, so a change to what the library writes cannot leave a baseline behind unseen.
// (The workloads import the package by its name: the bench runs them on the build, jest on the sources.)

/** A file's content, comparable whatever the order of its documents or keys. */
function comparable(name: string, text: string): unknown {
  if (name.endsWith('.k8s.yaml')) return parseAllDocuments(text).map(d => JSON.stringify(d.toJSON())).sort();
  if (name.endsWith('.json')) return JSON.parse(text);
  return text;
}

test.each([1, 3])('Kubernetes side, %i pool(s): the baseline writes the library\'s files, object for object', pools => {
  const lib = filesOf('k8sLibrary', pools);
  const base = filesOf('k8sBaseline', pools);
  expect(Object.keys(base).sort()).toEqual(Object.keys(lib).sort());
  expect(Object.keys(lib).sort()).toEqual(['helm/noxus-secrets.eso-values.yaml', 'helm/noxus-secrets.values.yaml', 'noxus-secrets.blast-radius.md', 'noxus-secrets.k8s.yaml', 'noxus-services.k8s.yaml']);
  for (const name of Object.keys(lib)) expect([name, comparable(name, base[name])]).toEqual([name, comparable(name, lib[name])]);
});

test.each([1, 3])('Terraform side, %i pool(s): the baseline writes the library\'s stack, resource for resource', pools => {
  const lib = filesOf('terraformLibrary', pools)['stacks/bench/cdk.tf.json'];
  const base = filesOf('terraformBaseline', pools)['stacks/bench/cdk.tf.json'];
  expect(JSON.parse(lib).resource.aws_secretsmanager_secret).toBeDefined();
  expect(JSON.parse(base)).toEqual(JSON.parse(lib));
});
