// How one tag's entry is written into a sidecar's YAML: shared by the full write (sidecar.ts)
// and the patch of a re-save (sidecarPatch.ts), so both write an entry alike.
import { isAlias, isMap, isScalar, isSeq, Scalar, type Document, type Pair, type ToStringOptions, type YAMLMap } from 'yaml';
import { idNeedsQuotes } from './sidecarSource';
import type { Tag } from './tag';

/**
 * How every sidecar text is written: no folding, and a double-quoted string on one line with
 * `\n` escapes however long. yaml's multi-line form of a double-quoted string (its default past
 * 40 characters) wrote a line holding only a space as `\\ `, which reads back with a backslash
 * in the tag's text.
 */
export const YAML_WRITE_OPTIONS: ToStringOptions = { lineWidth: 0, blockQuote: false, doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER };

/** Key order of a tag as Newsmark writes it; unknown keys keep their place after these. */
const TAG_KEYS = ['id', 'category', 'label', 'start', 'end', 'text', 'prefix', 'suffix', 'note', 'attributes', 'author', 'created', 'status', 'previous_text', 'review', 'reviewer'] as const;
/** Written double-quoted when new, so white space and look-alike characters at their edges stay visible. */
const QUOTED_KEYS: ReadonlySet<string> = new Set(['text', 'prefix', 'suffix', 'note', 'previous_text']);

export function writeTag(doc: Document, node: YAMLMap, tag: Tag): YAMLMap {
  const values: Record<(typeof TAG_KEYS)[number], unknown> = {
    id: tag.id,
    category: tag.category,
    label: tag.label,
    start: tag.start,
    end: tag.end,
    text: tag.text,
    prefix: tag.prefix,
    suffix: tag.suffix,
    status: tag.status === 'anchored' ? undefined : tag.status,
    previous_text: tag.previousText,
    review: tag.review,
    reviewer: tag.reviewer,
    note: tag.note,
    attributes: tag.attributes && Object.keys(tag.attributes).length > 0 ? tag.attributes : undefined,
    author: tag.author,
    created: tag.created,
  };
  for (const key of TAG_KEYS) setField(doc, node, key, values[key]);
  // `id: 1e10` is text to PyYAML and a number to YAML 1.2: quoted, every reader agrees.
  const id = node.get('id', true);
  if (isScalar(id) && id.type !== Scalar.QUOTE_SINGLE && id.type !== Scalar.QUOTE_DOUBLE && idNeedsQuotes(tag.id)) id.type = Scalar.QUOTE_DOUBLE;
  return node;
}

/** Sets a key in place so a comment on it survives; undefined removes the key. */
export function setField(doc: Document, map: YAMLMap, key: string, value: unknown): void {
  const pair = map.items.find((p: Pair) => (isScalar(p.key) ? p.key.value : p.key) === key);
  if (value === undefined) {
    if (pair) map.delete(key);
    return;
  }
  if (!pair) {
    const node = doc.createNode(value);
    if (isScalar(node) && typeof value === 'string' && QUOTED_KEYS.has(key)) node.type = Scalar.QUOTE_DOUBLE;
    map.set(key, node);
    return;
  }
  if (isScalar(pair.value) && (typeof value !== 'object' || value === null)) {
    if (pair.value.value === value) return;
    pair.value.value = value;
    // A plain style kept from the old value can be wrong for the new one (yaml writes ":\na" as
    // `outlet: :` then, which nothing reads back): the library picks a safe style again.
    if (pair.value.type === Scalar.PLAIN) delete pair.value.type;
    return;
  }
  const node = isAlias(pair.value) ? pair.value.resolve(doc) : pair.value; // an alias stays if its value is unchanged
  const current: unknown = isMap(node) || isSeq(node) || isScalar(node) ? node.toJSON() : node;
  if (JSON.stringify(current) !== JSON.stringify(value)) pair.value = doc.createNode(value);
}

