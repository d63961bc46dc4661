import * as l10n from '@vscode/l10n';
import type { CategoryId } from '../codebook';
import type { Codebook, SubLabel } from './types';

/** A stored value the codebook does not list: shown as a warning on its line, the value kept. */
export interface ValueWarning {
  readonly message: string;
}

export function labelOf(codebook: Codebook, category: CategoryId, id: string): SubLabel | undefined {
  return codebook.categories[category].labels.find((l) => l.id === id);
}

/**
 * Whether a tag's sub-label is one the codebook knows. With no codebook (or none for the
 * category) nothing is checked: a label brought in from a data set stays as it is.
 */
export function checkTagLabel(codebook: Codebook, category: CategoryId, label: string | undefined): ValueWarning | undefined {
  const labels = codebook.categories[category].labels;
  if (label === undefined || labels.length === 0 || labels.some((l) => l.id === label)) return undefined;
  return { message: l10n.t('Sub-label `{0}` is not in the codebook\'s {1} labels; it is kept as written.', label, category) };
}

/** Warnings for article codes: an unknown code, a value not allowed, several values for a single-choice code. */
export function checkCodes(codebook: Codebook, codes: Readonly<Record<string, unknown>>): { code: string; warning: ValueWarning }[] {
  if (codebook.codes.length === 0) return [];
  const warnings: { code: string; warning: ValueWarning }[] = [];
  for (const [id, value] of Object.entries(codes)) {
    const code = codebook.codes.find((c) => c.id === id);
    if (!code) {
      warnings.push({ code: id, warning: { message: l10n.t('Code `{0}` is not in the codebook; it is kept as written.', id) } });
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    if (!code.multiple && values.length > 1) warnings.push({ code: id, warning: { message: l10n.t('`{0}` takes one value; this article has {1}.', code.name, values.length) } });
    for (const v of values) {
      if (typeof v !== 'string' || !code.values.includes(v)) warnings.push({ code: id, warning: { message: l10n.t('`{0}` is not one of the values of `{1}`; it is kept as written.', String(v), code.name) } });
    }
  }
  return warnings;
}

/** Attribute values outside the values the codebook allows for the category (attributes it does not describe are free). */
export function checkTagAttributes(codebook: Codebook, category: CategoryId, attributes: Readonly<Record<string, unknown>> | undefined): { name: string; warning: ValueWarning }[] {
  const specs = codebook.categories[category].attributes;
  if (!attributes || specs.length === 0) return [];
  const warnings: { name: string; warning: ValueWarning }[] = [];
  for (const spec of specs) {
    const value = attributes[spec.name];
    if (value === undefined || !spec.values) continue;
    const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
    if (!spec.values.includes(text)) warnings.push({ name: spec.name, warning: { message: l10n.t('`{0}` is not one of the values the codebook allows for {1} ({2}); it is kept as written.', text, spec.name, spec.values.join(', ')) } });
  }
  return warnings;
}
