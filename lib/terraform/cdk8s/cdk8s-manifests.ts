import { Manifest } from '../flavour/kubernetes';
import { App as Cdk8sApp } from 'cdk8s';
import { Aspects, IAspect, TerraformProvider } from '../flavour/core';
import { Construct, IConstruct } from 'constructs';
import { NoxusSecretsError, assertProps, childPath, shown } from '../../core';
import { terraformText } from '../references';
import { objectIdentity } from '../../core/objects';

/** Props of a cdk8s app deployed from a cdktf stack. */
export interface Cdk8sManifestsProps {
  /** The cdk8s app: its manifests become `kubernetes_manifest` resources when the stack synthesizes. */
  readonly cdk8sApp: Cdk8sApp;
  /**
   * The Kubernetes provider to deploy with.
   * @default - the stack's default kubernetes provider
   */
  readonly provider?: TerraformProvider;
}

function escapeDeep(node: unknown): unknown {
  if (typeof node === 'string') return terraformText(node);
  if (Array.isArray(node)) return node.map(escapeDeep);
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [terraformText(k), escapeDeep(v)]));
  }
  return node;
}

/**
 * Deploys a cdk8s app from a cdktf stack, one `kubernetes_manifest` per object,
 * so that one `cdktf deploy` creates the cloud identities and the manifests that
 * name them. Unlike `cdktf-cdk8s`, which escapes every `${` and so turns a cdktf
 * token into a literal string, tokens here stay Terraform references.
 */
export class Cdk8sManifests extends Construct {
  private rendered = false;

  constructor(scope: Construct, id: string, private readonly props: Cdk8sManifestsProps) {
    const at = childPath(scope, id);
    assertProps('Cdk8sManifests', props, '{ cdk8sApp: new App() } (App from cdk8s)', at);
    // By shape, not instanceof: the app may come from another copy of cdk8s than the library's.
    const app = props.cdk8sApp as Partial<Cdk8sApp> | undefined;
    if (app === null || typeof app !== 'object' || !Array.isArray(app.charts) || typeof app.synthYaml !== 'function') {
      throw NoxusSecretsError.at(at, `Cdk8sManifests: cdk8sApp ${app === undefined ? 'is missing' : `${shown(app)} is not a cdk8s App`}; ` +
        'its charts become the stack\'s kubernetes_manifest resources. Pass cdk8sApp: the cdk8s App that holds the charts.');
    }
    super(scope, id);
    const self = this;
    // Rendered when the stack synthesizes, so that the cdk8s app may be completed after this construct.
    const aspect: IAspect = { visit: (node: IConstruct) => { if (node === self) self.render(); } };
    Aspects.of(this).add(aspect);
  }

  private render(): void {
    if (this.rendered) return;
    const seen = new Map<string, string>();
    const resources: [string, any][] = [];
    for (const manifest of this.props.cdk8sApp.charts.flatMap(chart => chart.toJson())) {
      const apiVersion = String(manifest.apiVersion ?? '');
      const key = objectIdentity(manifest);
      const other = seen.get(key);
      if (other !== undefined) {
        const versions = other === apiVersion ? '' : ` (as ${other} and ${apiVersion})`;
        throw NoxusSecretsError.at(this.node.path, `Cdk8sManifests: two objects are ${manifest.kind} ${JSON.stringify(manifest.metadata?.name)} ` +
          `in namespace ${JSON.stringify(manifest.metadata?.namespace ?? '')}${versions}; Kubernetes keeps one. Rename one of them.`);
      }
      seen.set(key, apiVersion);
      // The resource id keeps the version, as it always has: changing it would make Terraform replace deployed objects.
      const id = `${apiVersion}-${manifest.kind}-${manifest.metadata?.namespace ?? 'cluster'}-${manifest.metadata?.name}`.replace(/[^A-Za-z0-9_-]/g, '_');
      resources.push([id, manifest]);
    }
    // All checked before any is added: a failed synth leaves no part of the app in the stack.
    for (const [id, manifest] of resources) new Manifest(this, id, { manifest: escapeDeep(manifest) as Record<string, any>, provider: this.props.provider });
    this.rendered = true;
  }
}
