import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { Acknowledgement, AuditOptions, enforceAudit, runAudit } from '../audit';
import { SecretsBlueprint } from '../core';

const stacks = new WeakMap<TerraformStack, { acknowledgements: Acknowledgement[]; blueprints: SecretsBlueprint[] }>();

/**
 * Audits the construct's stack on synth (once per stack, whatever the number of
 * Noxus constructs in it): errors fail the synth before anything is written,
 * warnings are printed.
 */
export function auditStackOnSynth(construct: IConstruct, blueprint: SecretsBlueprint, options: AuditOptions = {}): void {
  if (options.enabled === false) return;
  const stack = TerraformStack.of(construct);
  let state = stacks.get(stack);
  if (!state) {
    const s = { acknowledgements: [] as Acknowledgement[], blueprints: [] as SecretsBlueprint[] };
    state = s;
    stacks.set(stack, s);
    stack.node.addValidation({
      validate: () => {
        const terraform = [stack.toTerraform()];
        // Model rules run once per blueprint; the Terraform rules once over the stack.
        const [first, ...rest] = s.blueprints;
        enforceAudit(runAudit({ terraform, blueprint: first }, { acknowledgements: s.acknowledgements }), stack.node.path);
        for (const blueprint of rest) enforceAudit(runAudit({ blueprint }, { acknowledgements: s.acknowledgements }), stack.node.path);
        return [];
      },
    });
  }
  state.acknowledgements.push(...(options.acknowledgements ?? []));
  if (!state.blueprints.includes(blueprint)) state.blueprints.push(blueprint);
}
