import * as l10n from '@vscode/l10n';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { CATEGORY_IDS, isCategoryId, type CategoryId } from '../codebook';
import { EMPTY_CODEBOOK, type ArticleCode, type AttributeSpec, type CategoryBook, type Codebook, type CodebookProblem, type SubLabel } from './types';

export interface ParsedCodebook {
  readonly codebook: Codebook;
  readonly problems: readonly CodebookProblem[];
}

/** A sub-label or code id: what data sets spell (Loaded_Language, Name_Calling,Labeling, Security and defense). */
const ID_PATTERN = /^[^\s:#][^\n:]*$/u;

/**
 * Reads `newsmark.codebook.yaml`. Whatever is wrong is reported on its line and the rest is
 * kept: a broken entry never takes the whole codebook (and with it tagging) down, and a file
 * that is not YAML at all leaves Newsmark with its four categories.
 */
export function parseCodebook(text: string): ParsedCodebook {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems: CodebookProblem[] = [];
  const report = (node: Node | Pair | undefined, message: string, severity: CodebookProblem['severity'] = 'error'): void => {
    const offset = rangeStart(node);
    const pos = lines.linePos(offset);
    problems.push({ line: pos.line, column: pos.col, message, severity });
  };
  for (const error of doc.errors) {
    const pos = lines.linePos(error.pos[0]);
    problems.push({ line: pos.line, column: pos.col, message: l10n.t('Not valid YAML: {0}', error.message.split('\n')[0] ?? ''), severity: 'error' });
  }
  if (doc.errors.length > 0) return { codebook: EMPTY_CODEBOOK, problems };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { codebook: EMPTY_CODEBOOK, problems };
  if (!isMap(root)) {
    report(root, l10n.t('A codebook is a mapping with `categories:` and `codes:`.'));
    return { codebook: EMPTY_CODEBOOK, problems };
  }
  let name: string | undefined;
  const categories: Record<CategoryId, CategoryBook> = { ...EMPTY_CODEBOOK.categories };
  let codes: ArticleCode[] = [];
  for (const pair of root.items) {
    const key = keyOf(pair);
    if (key === 'name' || key === 'description') {
      const value = stringOf(pair.value as Node);
      if (value === undefined) report(pair.value as Node, l10n.t('`{0}` is text.', key), 'warning');
      else if (key === 'name') name = value;
    } else if (key === 'version') {
      if (!isScalar(pair.value) || pair.value.value !== 1) report(pair.value as Node, l10n.t('This Newsmark reads codebook version 1.'), 'warning');
    } else if (key === 'categories') {
      readCategories(pair.value as Node, categories, report);
    } else if (key === 'codes') {
      codes = readCodes(pair.value as Node, report);
    } else {
      report(pair, l10n.t('Unknown field `{0}` (a codebook has name, description, categories, codes).', String(key)), 'warning');
    }
  }
  return { codebook: { ...(name !== undefined ? { name } : {}), categories, codes }, problems };
}

type Report = (node: Node | Pair | undefined, message: string, severity?: CodebookProblem['severity']) => void;

function readCategories(node: Node | undefined, into: Record<CategoryId, CategoryBook>, report: Report): void {
  if (!isMap(node)) {
    report(node, l10n.t('`categories` maps claim, denial, figure and framing to their sub-labels.'));
    return;
  }
  for (const pair of node.items) {
    const key = keyOf(pair);
    if (!isCategoryId(key)) {
      report(pair, l10n.t('`{0}` is not a category: the four are {1}.', String(key), CATEGORY_IDS.join(', ')));
      continue;
    }
    into[key] = readCategory(pair.value as Node, report);
  }
}

function readCategory(node: Node | undefined, report: Report): CategoryBook {
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) return EMPTY_CODEBOOK.categories.claim;
  if (!isMap(node)) {
    report(node, l10n.t('A category has `description`, `labels` and `attributes`.'));
    return EMPTY_CODEBOOK.categories.claim;
  }
  let description: string | undefined;
  let labels: SubLabel[] = [];
  let attributes: AttributeSpec[] = [];
  for (const pair of node.items) {
    const key = keyOf(pair);
    const value = pair.value as Node;
    if (key === 'description') description = stringOf(value) ?? (report(value, l10n.t('`description` is text.'), 'warning'), undefined);
    else if (key === 'labels') labels = readLabels(value, report);
    else if (key === 'attributes') attributes = readAttributes(value, report);
    else report(pair, l10n.t('Unknown field `{0}` (a category has description, labels, attributes).', String(key)), 'warning');
  }
  return { ...(description !== undefined ? { description } : {}), labels, attributes };
}

function readLabels(node: Node | undefined, report: Report): SubLabel[] {
  const labels: SubLabel[] = [];
  for (const item of entries(node, l10n.t('`labels` is a list of sub-labels, each with an `id`.'), report)) {
    const fields = fieldsOf(item, ['id', 'name', 'definition', 'key', 'group'], report);
    const id = fields.get('id');
    if (id === undefined || !ID_PATTERN.test(id)) {
      report(item, id === undefined ? l10n.t('A sub-label needs an `id` (what the sidecar stores).') : l10n.t('`{0}` cannot be a sub-label id: no colon, line break or leading space.', id));
      continue;
    }
    if (labels.some((l) => l.id === id)) {
      report(item, l10n.t('Sub-label `{0}` is listed twice; the first is kept.', id));
      continue;
    }
    let key = fields.get('key');
    if (key !== undefined && [...key].length !== 1) {
      report(item, l10n.t('The key of `{0}` must be one character.', id), 'warning');
      key = undefined;
    } else if (key !== undefined && labels.some((l) => l.key?.toLowerCase() === key!.toLowerCase())) {
      report(item, l10n.t('Key `{0}` already picks another sub-label of this category.', key), 'warning');
      key = undefined;
    }
    const definition = fields.get('definition');
    const group = fields.get('group');
    labels.push({ id, name: fields.get('name') ?? id, ...(definition ? { definition } : {}), ...(key ? { key } : {}), ...(group ? { group } : {}) });
  }
  return labels;
}

function readAttributes(node: Node | undefined, report: Report): AttributeSpec[] {
  const attributes: AttributeSpec[] = [];
  for (const item of entries(node, l10n.t('`attributes` is a list, each with a `name` and optional `values`.'), report)) {
    const fields = fieldsOf(item, ['name', 'definition', 'values'], report);
    const name = fields.get('name');
    if (!name) {
      report(item, l10n.t('An attribute needs a `name`.'));
      continue;
    }
    if (attributes.some((a) => a.name === name)) {
      report(item, l10n.t('Attribute `{0}` is listed twice; the first is kept.', name));
      continue;
    }
    const values = valuesOf(item.get('values', true), report);
    const definition = fields.get('definition');
    attributes.push({ name, ...(definition ? { definition } : {}), ...(values ? { values } : {}) });
  }
  return attributes;
}

function readCodes(node: Node | undefined, report: Report): ArticleCode[] {
  const codes: ArticleCode[] = [];
  for (const item of entries(node, l10n.t('`codes` is a list of article-level codes, each with an `id` and `values`.'), report)) {
    const fields = fieldsOf(item, ['id', 'name', 'definition', 'values', 'multiple'], report);
    const id = fields.get('id');
    if (id === undefined || !/^[\p{L}\p{N}_-]+$/u.test(id)) {
      report(item, id === undefined ? l10n.t('A code needs an `id` (its key under `codes:` in a sidecar).') : l10n.t('`{0}` cannot be a code id: letters, digits, _ and - only.', id));
      continue;
    }
    if (codes.some((c) => c.id === id)) {
      report(item, l10n.t('Code `{0}` is listed twice; the first is kept.', id));
      continue;
    }
    const values = valuesOf(item.get('values', true), report);
    if (!values || values.length === 0) {
      report(item, l10n.t('Code `{0}` needs a list of `values` to choose from.', id));
      continue;
    }
    const multipleNode = item.get('multiple', true) as Node | undefined;
    const multiple = isScalar(multipleNode) && multipleNode.value === true;
    if (multipleNode !== undefined && !(isScalar(multipleNode) && typeof multipleNode.value === 'boolean')) report(multipleNode, l10n.t('`multiple` is true or false.'), 'warning');
    const definition = fields.get('definition');
    codes.push({ id, name: fields.get('name') ?? id, ...(definition ? { definition } : {}), values, multiple });
  }
  return codes;
}

function entries(node: Node | undefined, message: string, report: Report): YAMLMap[] {
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) return [];
  if (!isSeq(node)) {
    report(node, message);
    return [];
  }
  const maps: YAMLMap[] = [];
  for (const item of node.items) {
    if (isMap(item)) maps.push(item);
    else report(item as Node, message);
  }
  return maps;
}

/** The entry's text fields; a field of the wrong kind or an unknown one is a warning. */
function fieldsOf(item: YAMLMap, known: readonly string[], report: Report): Map<string, string> {
  const fields = new Map<string, string>();
  for (const pair of item.items) {
    const key = keyOf(pair);
    if (typeof key !== 'string' || !known.includes(key)) {
      report(pair, l10n.t('Unknown field `{0}` (expected {1}).', String(key), known.join(', ')), 'warning');
      continue;
    }
    if (key === 'values' || key === 'multiple') continue;
    const text = stringOf(pair.value as Node);
    if (text === undefined) report(pair.value as Node, l10n.t('`{0}` is text.', key), 'warning');
    else fields.set(key, text.trim());
  }
  return fields;
}

function valuesOf(node: Node | undefined, report: Report): string[] | undefined {
  if (node === undefined) return undefined;
  if (!isSeq(node)) {
    report(node, l10n.t('`values` is a list.'));
    return undefined;
  }
  const values: string[] = [];
  for (const item of node.items) {
    const text = stringOf(item as Node);
    if (text === undefined || text.trim() === '') report(item as Node, l10n.t('A value is text.'), 'warning');
    else if (values.includes(text.trim())) report(item as Node, l10n.t('`{0}` is listed twice.', text.trim()), 'warning');
    else values.push(text.trim());
  }
  return values;
}

/** Text as written: `Security and defense`, and also `2020` or `true`, which YAML reads as other types. */
function stringOf(node: Node | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (typeof value === 'string') return value;
  if (typeof value !== 'number' && typeof value !== 'boolean' && typeof value !== 'bigint') return undefined;
  return node.source ?? String(value);
}

function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

function rangeStart(node: Node | Pair | undefined): number {
  if (!node) return 0;
  if ('range' in node && node.range) return node.range[0];
  if ('key' in node) return rangeStart(node.key as Node) ?? 0;
  return 0;
}
