import * as path from 'path';
import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { checkOnSynth } from '../core/synth-checks';
import { NOXUS_CHART } from './brand';
import { synthPass } from './noxus-app';
import { duplicateTargets } from './external-secret-sync';
import { sameNamesAcrossCharts } from './same-name-objects';

/** What the checks read of a NoxusPlatformSecrets chart (found by its mark: that module imports this one). */
interface NoxusChart extends Chart {
  _fileNames(): string[];
}

/** The id of the app's one AppChecks, a child of the app's root. */
const ID = 'NoxusSecretsAppChecks';

/**
 * The checks that span the charts of one cdk8s app, run once per synth by one construct at the
 * app's root (added by the first of the library's constructs that needs them): no two
 * NoxusPlatformSecrets charts write one file or one object, no two ExternalSecretSyncs one Secret.
 * @internal
 */
export class AppChecks extends Construct {
  /** The app's checks, added to the root of `scope`'s tree the first time. */
  public static of(scope: IConstruct): AppChecks {
    const root = scope.node.root as Construct;
    return (root.node.tryFindChild(ID) as AppChecks | undefined) ?? new AppChecks(root);
  }

  private constructor(root: Construct) {
    super(root, ID);
    checkOnSynth(this, () => {
      const kept = synthPass(this);
      return kept === undefined ? appProblems(root) : (kept.messages ??= appProblems(root));
    });
  }
}

function appProblems(app: Construct): string[] {
  const all = app.node.findAll().filter((c): c is NoxusChart => NOXUS_CHART in c);
  const messages: string[] = [];
  const owners = new Map<string, string>();
  for (const chart of all) {
    for (const file of chart._fileNames()) {
      const key = path.normalize(file);
      const other = owners.get(key);
      if (other !== undefined) {
        messages.push(`NoxusPlatformSecrets: ${other} and ${chart.node.path} both write ${JSON.stringify(file)} in the output directory, ` +
          'so one would overwrite the other. Give one of them another chart id or helmValuesFile.');
      }
      owners.set(key, chart.node.path);
    }
  }
  messages.push(...duplicateTargets(app));
  // Two Noxus charts in one namespace (e.g. two contracts with one prefix) can derive one name twice.
  if (all.length > 1) messages.push(...sameNamesAcrossCharts(all));
  return messages;
}
