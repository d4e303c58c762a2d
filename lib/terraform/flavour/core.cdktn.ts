// The CDK Terrain (cdktn) variant of ./core.ts: the cdktn entries load it in its place
// (scripts/flavour-cdktn.js); it exports the same names, from cdktn.
export {
  Annotations, Aspects, DataResource, DefaultTokenResolver, Fn, Lazy, StringConcat, TerraformElement, TerraformOutput, TerraformProvider, TerraformResource, TerraformStack, TerraformVariable, Token, Tokenization,
} from 'cdktn';
export type { IAspect, ITerraformDependable } from 'cdktn';
