import * as l10n from '@vscode/l10n';
import { stringify } from 'yaml';
import { CATEGORY_IDS } from '../codebook';
import type { Codebook } from './types';

/** The comment atop the file, for the people who edit it (translated when the file is written). */
function header(): string {
  const lines = l10n.t('Newsmark codebook: sub-labels and attributes for the four categories, and article-level codes.\nThe categories themselves (claim, denial, figure, framing) are fixed; a tag stores its\nsub-label as `label:`, an article its codes under `codes:` in the sidecar header.\nValues not listed here are warned about in the sidecar, never dropped. See the README, "Codebook".');
  return lines.split('\n').map((line) => `# ${line}\n`).join('');
}

/** The codebook as the file "Create Codebook…" writes: only the parts it uses, with a header that explains them. */
export function codebookToYaml(codebook: Codebook): string {
  const categories: Record<string, unknown> = {};
  for (const id of CATEGORY_IDS) {
    const book = codebook.categories[id];
    if (book.labels.length === 0 && book.attributes.length === 0 && book.description === undefined) continue;
    categories[id] = {
      ...(book.description !== undefined ? { description: book.description } : {}),
      ...(book.labels.length > 0 ? { labels: book.labels.map((l) => ({ ...l })) } : {}),
      ...(book.attributes.length > 0 ? { attributes: book.attributes.map((a) => ({ ...a, ...(a.values ? { values: [...a.values] } : {}) })) } : {}),
    };
  }
  const body = {
    version: 1,
    ...(codebook.name !== undefined ? { name: codebook.name } : {}),
    categories,
    codes: codebook.codes.map((c) => ({ id: c.id, name: c.name, ...(c.definition ? { definition: c.definition } : {}), multiple: c.multiple, values: [...c.values] })),
  };
  return header() + stringify(body, { lineWidth: 0 });
}
