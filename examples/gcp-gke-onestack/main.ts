import { runExample } from '../shared/run';
import * as path from 'path';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { DataGoogleClientConfig } from '@cdktf/provider-google/lib/data-google-client-config';
import { DataGoogleContainerCluster } from '@cdktf/provider-google/lib/data-google-container-cluster';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, Fn, TerraformStack } from 'cdktf';
import { NoxusApp, SecretBackend, SecretsContract, WorkloadIdentity } from 'noxus-secrets-cdk';
import { NoxusGcpSecrets } from 'noxus-secrets-cdk/gcp';
import { Cdk8sManifests } from 'noxus-secrets-cdk/cdk8s-in-terraform';
import { build } from '../basic/main';
import { blueprint } from '../shared/blueprint';

/**
 * One `cdktf deploy` against an existing GKE cluster: the project comes from the
 * google_project data source and the workload pool from the cluster, so nothing is
 * copied by hand. The secrets, the GSAs with their bindings and the manifests whose
 * ServiceAccounts name the GSAs are created together.
 */
export function buildGcpGkeOneStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'noxus-secrets-gcp-gke-onestack');
  new GoogleProvider(stack, 'google', { region: 'europe-west1' });
  const project = new DataGoogleProject(stack, 'project', {});
  const cluster = new DataGoogleContainerCluster(stack, 'cluster', { name: 'noxus', location: 'europe-west1' });
  const client = new DataGoogleClientConfig(stack, 'client', {});
  new KubernetesProvider(stack, 'kubernetes', {
    host: `https://${cluster.endpoint}`,
    clusterCaCertificate: Fn.base64decode(cluster.masterAuth.get(0).clusterCaCertificate),
    token: client.accessToken,
  });

  const contract = new SecretsContract({
    blueprint,
    namespace: 'noxus',
    backend: SecretBackend.gcpSecretManager({ projectId: project.projectId }),
    identity: WorkloadIdentity.gkeWorkloadIdentity({ projectId: project.projectId }),
  });
  new NoxusGcpSecrets(stack, 'secrets', { contract, workloadPool: cluster.workloadIdentityConfig.get(0).workloadPool });
  const cdk8sApp = new NoxusApp({ outdir: path.join(app.outdir, 'cdk8s') });
  build(cdk8sApp, contract);
  new Cdk8sManifests(stack, 'manifests', { cdk8sApp });
  return stack;
}

// Its own entry point: npx tsx examples/gcp-gke-onestack/main.ts
if (require.main === module) {
  runExample(() => {
    const app = new App();
    buildGcpGkeOneStack(app);
    app.synth();
  });
}
