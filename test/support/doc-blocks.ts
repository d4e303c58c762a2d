import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

/**
 * The documents whose TypeScript users copy, in a fixed order: the README, then the guides.
 * test/doc-links.test.ts fails when a guide in docs/ is missing here, so no guide's code goes unchecked.
 */
export const DOCUMENTS: readonly string[] = [
  'README.md',
  'docs/concepts.md',
  'docs/composition.md',
  'docs/aws.md',
  'docs/gcp.md',
  'docs/azure.md',
  'docs/vault.md',
  'docs/vm.md',
  'docs/security.md',
  'docs/operations.md',
  'docs/install.md',
  'docs/performance.md',
  'docs/development.md',
];

/** One ```ts block of a document. */
export interface DocBlock {
  /** The document's path from the repository root: 'README.md', 'docs/aws.md'. */
  readonly document: string;
  /** The block's number within its document, from 1. */
  readonly n: number;
  /** How tests name it: 'docs/aws.md block 2'. */
  readonly origin: string;
  /** A file name of its own: 'docs-aws-block-2.ts'. */
  readonly fileName: string;
  readonly code: string;
}

/** Every ```ts block of every document, in document order, then block order. */
export function docBlocks(): DocBlock[] {
  return DOCUMENTS.flatMap(document => {
    const text = fs.readFileSync(path.join(root, document), 'utf-8');
    const stem = document.replace(/\.md$/, '').replace(/[^\w]+/g, '-');
    return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => ({
      document, n: i + 1, origin: `${document} block ${i + 1}`, fileName: `${stem}-block-${i + 1}.ts`, code: m[1],
    }));
  });
}
