import { readFileSync } from 'fs';
import { AzureWorkloadIdentity, NoxusSecretsError, WorkloadIdentity, assertProps, assertRequiredKind, shown } from '../../core';

// The Azure side's hand-off to the Kubernetes side: client IDs are assigned by Azure, so the cdk8s app
// reads them from the file `cdktf deploy --outputs-file` writes. Here, not in core: core reads no file.

/** Where `cdktf deploy --outputs-file` wrote the Azure side's client IDs. */
export interface AzureOutputsFileProps {
  /** The Entra ID tenant. */
  readonly tenantId: string;
  /** The JSON file that `cdktf deploy <stack> --outputs-file <file>` wrote. */
  readonly outputsFile: string;
  /** The cdktf stack's name. */
  readonly stackName: string;
  /**
   * Construct IDs from the stack down to the NoxusAzureSecrets construct.
   * @default ['secrets']
   */
  readonly constructPath?: string[];
}

/**
 * Azure Workload Identity with the client IDs read from the outputs file of
 * `cdktf deploy --outputs-file`, where NoxusAzureSecrets wrote one
 * `ClientId-<store>` output per store (cdktf nests outputs by stack, then construct IDs).
 */
export function azureWorkloadIdentityFromOutputs(props: AzureOutputsFileProps): AzureWorkloadIdentity {
  assertProps('azureWorkloadIdentityFromOutputs', props, "{ tenantId, outputsFile, stackName }");
  const subject = 'azureWorkloadIdentityFromOutputs';
  // A number would be read as a file descriptor (0 is stdin, and a pipe blocks): only a path is read.
  assertRequiredKind(subject, 'outputsFile', props.outputsFile, 'string', '"cdktf-outputs.json"');
  assertRequiredKind(subject, 'stackName', props.stackName, 'string', '"noxus-azure"');
  if (props.constructPath !== undefined && !(Array.isArray(props.constructPath) && props.constructPath.every(p => typeof p === 'string'))) {
    throw new NoxusSecretsError(`${subject}: constructPath ${shown(props.constructPath)} is not a list of construct ids. Pass e.g. constructPath: ["secrets"], or leave it out.`);
  }
  let outputs: any;
  try {
    outputs = JSON.parse(readFileSync(props.outputsFile, 'utf-8'));
  } catch (e) {
    throw new NoxusSecretsError(`${subject}: outputsFile ${JSON.stringify(props.outputsFile)} cannot be read as JSON (${(e as Error).message}). ` +
      `Deploy the Azure side first: cdktf deploy ${props.stackName} --outputs-file ${props.outputsFile}.`);
  }
  const trail = [props.stackName, ...(props.constructPath ?? ['secrets'])];
  let node = outputs;
  for (const [i, key] of trail.entries()) {
    node = node?.[key];
    if (node === undefined || typeof node !== 'object') {
      throw new NoxusSecretsError(`${subject}: ${JSON.stringify(props.outputsFile)} has no ${JSON.stringify(trail.slice(0, i + 1).join('.'))} ` +
        `(the outputs of stack ${JSON.stringify(props.stackName)} under construct path ${JSON.stringify(trail.slice(1).join('/'))}). ` +
        'Check stackName and constructPath against the cdktf app.');
    }
  }
  const clientIds: Record<string, string> = {};
  for (const [key, value] of Object.entries<unknown>(node)) {
    const m = /^ClientId-(.+)$/.exec(key);
    if (m && typeof value === 'string') clientIds[m[1]] = value;
  }
  if (Object.keys(clientIds).length === 0) {
    throw new NoxusSecretsError(`${subject}: ${JSON.stringify(props.outputsFile)} has no ClientId-<store> outputs under ${JSON.stringify(trail.join('.'))}. ` +
      'Point constructPath at the NoxusAzureSecrets construct.');
  }
  return WorkloadIdentity.azureWorkloadIdentity({ tenantId: props.tenantId, clientIds });
}
