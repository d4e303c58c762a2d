import { runExample } from './shared/run';
import { terraformApp } from './synth-all';

// The cdktf app of cdktf.json: `npx cdktf synth`, `npx cdktf deploy noxus-secrets-aws`.
runExample(() => terraformApp(process.env.CDKTF_OUTDIR ?? 'cdktf.out').synth());
