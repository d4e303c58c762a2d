// The seam between the Terraform layer and CDK for Terraform: every module of lib/terraform takes
// cdktf from here, and a provider's classes from its cloud's module beside this one (deep paths, one
// class each: the light dependency graph). The cdktn entries are built from these same modules with
// the *.cdktn.ts variants of this folder in place of these (scripts/flavour-cdktn.js); nothing else differs.
export {
  Annotations, Aspects, DataResource, DefaultTokenResolver, Fn, Lazy, StringConcat, TerraformElement, TerraformOutput, TerraformProvider, TerraformResource, TerraformStack, TerraformVariable, Token, Tokenization,
} from 'cdktf';
export type { IAspect, ITerraformDependable } from 'cdktf';
