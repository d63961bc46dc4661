import {
  Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  Scalar,
  type Node,
  type Pair,
  type YAMLMap,
  YAMLSeq,
} from 'yaml';
import { isCategoryId } from './codebook';
import { REVIEW_VERDICTS, sortTags, type ReviewVerdict, type Tag, type TagStatus } from './tag';

export const SIDECAR_VERSION = 1;
export const SIDECAR_SUFFIX = '.tags.yaml';
/** The `yaml` package's guard against alias bombs ("billion laughs"): past this, refuse. */
const MAX_ALIAS_COUNT = 100;

export function sidecarNameFor(articleFileName: string): string {
  return articleFileName + SIDECAR_SUFFIX;
}

export function isSidecarName(fileName: string): boolean {
  return fileName.endsWith(SIDECAR_SUFFIX) && fileName.length > SIDECAR_SUFFIX.length;
}

export function articleNameFor(sidecarFileName: string): string {
  return sidecarFileName.slice(0, -SIDECAR_SUFFIX.length);
}

/** A problem in a sidecar, with a 1-based line and column for the Problems view. */
export interface SidecarProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export type SidecarParse = { ok: true; sidecar: SidecarFile } | { ok: false; problems: SidecarProblem[] };

/** Key order of a tag as Newsmark writes it; unknown keys keep their place after these. */
const TAG_KEYS = ['id', 'category', 'start', 'end', 'text', 'prefix', 'suffix', 'note', 'attributes', 'author', 'created', 'status', 'previous_text', 'review', 'reviewer'] as const;
/** Written double-quoted when new, so white space and look-alike characters at their edges stay visible. */
const QUOTED_KEYS: ReadonlySet<string> = new Set(['text', 'prefix', 'suffix', 'note', 'previous_text']);

/**
 * A sidecar as YAML: the parsed Document is kept so that writing it back keeps the user's
 * comments, key order and keys Newsmark does not know.
 */
export class SidecarFile {
  private constructor(
    private readonly doc: Document,
    readonly article: string,
    readonly sha256: string,
    readonly tags: readonly Tag[],
  ) {}

  static parse(text: string): SidecarParse {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
    const at = (node: unknown, message: string): SidecarProblem => {
      const offset = (node as Node | undefined)?.range?.[0] ?? 0;
      const pos = lines.linePos(offset);
      return { message, line: pos.line, column: pos.col };
    };
    if (doc.errors.length > 0) {
      return {
        ok: false,
        problems: doc.errors.map((e) => ({ message: firstLine(e.message), line: e.linePos?.[0].line ?? 1, column: e.linePos?.[0].col ?? 1 })),
      };
    }
    try {
      doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      return { ok: false, problems: [{ message: `Refused: ${(e as Error).message}`, line: 1, column: 1 }] };
    }
    const root: unknown = doc.contents;
    if (!isMap(root)) return { ok: false, problems: [at(root, 'A Newsmark sidecar must be a YAML mapping with newsmark, article, sha256 and tags.')] };

    const problems: SidecarProblem[] = [];
    const version = valueOf(root, 'newsmark');
    if (version !== SIDECAR_VERSION) {
      const newer = typeof version === 'number' && version > SIDECAR_VERSION;
      problems.push(at(nodeOf(root, 'newsmark') ?? root, newer
        ? `This sidecar is format ${version}, written by a newer Newsmark; this version reads format ${SIDECAR_VERSION}.`
        : `"newsmark: ${SIDECAR_VERSION}" is missing or wrong: this does not look like a Newsmark sidecar.`));
    }
    const article = valueOf(root, 'article');
    if (typeof article !== 'string' || article === '') problems.push(at(nodeOf(root, 'article') ?? root, '"article" must be the article\'s file name.'));
    const sha = valueOf(root, 'sha256');
    if (typeof sha !== 'string') problems.push(at(nodeOf(root, 'sha256') ?? root, '"sha256" must be the hex SHA-256 of the article.'));

    const tags: Tag[] = [];
    const tagsNode = nodeOf(root, 'tags');
    if (tagsNode !== undefined && !isSeq(tagsNode) && !(isScalar(tagsNode) && tagsNode.value === null)) {
      problems.push(at(tagsNode, '"tags" must be a list.'));
    } else if (isSeq(tagsNode)) {
      const ids = new Set<string>();
      for (const item of tagsNode.items) {
        const result = readTag(item, ids);
        if ('problem' in result) problems.push(at(result.node ?? item, result.problem));
        else tags.push(result);
      }
    }
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, sidecar: new SidecarFile(doc, article as string, sha as string, sortTags(tags)) };
  }

  /** A new, empty sidecar for an article. */
  static create(article: string, sha256: string): SidecarFile {
    const doc = new Document({ newsmark: SIDECAR_VERSION, article, sha256, tags: [] });
    // On the mapping, not the document: a document comment would be followed by a blank line.
    (doc.contents as YAMLMap).commentBefore = ` Newsmark tags for ${article} — edit with care; comments are kept.`;
    return new SidecarFile(doc, article, sha256, []);
  }

  /** The YAML text with these tags and hash, keeping everything else of the original. */
  serialize(tags: readonly Tag[], sha256: string, article: string = this.article): string {
    const doc = this.doc.clone();
    const root = doc.contents as YAMLMap;
    setField(doc, root, 'article', article);
    setField(doc, root, 'sha256', sha256);
    const existing = nodeOf(root, 'tags');
    const seq: YAMLSeq = isSeq(existing) ? existing : new YAMLSeq();
    if (seq !== existing) root.set('tags', seq);
    const byId = new Map<string, YAMLMap>();
    for (const item of seq.items) {
      if (isMap(item)) {
        const id = item.get('id');
        if (typeof id === 'string') byId.set(id, item);
      }
    }
    seq.items = sortTags(tags).map((tag) => writeTag(doc, byId.get(tag.id) ?? (doc.createNode({}) as YAMLMap), tag));
    return doc.toString({ lineWidth: 0, blockQuote: false });
  }
}

interface TagProblem {
  readonly problem: string;
  /** The YAML node at fault, for its line and column. */
  readonly node?: unknown;
}

function readTag(item: unknown, ids: Set<string>): Tag | TagProblem {
  const fail = (problem: string, key?: string): TagProblem => ({ problem, node: key !== undefined && isMap(item) ? nodeOf(item, key) : undefined });
  if (!isMap(item)) return fail('Each tag must be a mapping with id, category, start, end and text.');
  const get = (k: string): unknown => valueOf(item, k);
  const id = get('id');
  const category = get('category');
  const start = get('start');
  const end = get('end');
  const text = get('text');
  if (typeof id !== 'string' || id === '') return fail('Each tag needs an "id" (a string; quote ids that look like numbers).', 'id');
  if (ids.has(id)) return fail(`Duplicate tag id "${id}".`, 'id');
  ids.add(id);
  if (!isCategoryId(category)) return fail(`Tag ${id}: unknown category "${String(category)}" (use claim, denial, figure or framing).`, 'category');
  if (!isOffset(start)) return fail(`Tag ${id}: "start" must be a whole number ≥ 0.`, 'start');
  if (!isOffset(end)) return fail(`Tag ${id}: "end" must be a whole number ≥ 0.`, 'end');
  const status = optionalString(get('status')) as TagStatus | undefined;
  if (status !== undefined && !['anchored', 'moved', 'fuzzy', 'orphaned'].includes(status)) return fail(`Tag ${id}: unknown status "${status}" (fuzzy or orphaned).`, 'status');
  const review = optionalString(get('review'));
  if (review !== undefined && !(REVIEW_VERDICTS as readonly string[]).includes(review)) return fail(`Tag ${id}: unknown review "${review}" (confirmed or disputed; leave it out for unreviewed).`, 'review');
  if (end <= start && status !== 'orphaned') return fail(`Tag ${id}: "end" (${end}) must be greater than "start" (${start}).`, 'end');
  if (typeof text !== 'string') return fail(`Tag ${id}: "text" must be the tagged text.`, 'text');
  const attributes = nodeOf(item, 'attributes');
  if (attributes !== undefined && !isMap(attributes) && !(isScalar(attributes) && attributes.value === null)) {
    return fail(`Tag ${id}: "attributes" must be a mapping (key: value).`, 'attributes');
  }
  const tag: Tag = {
    id,
    category,
    start,
    end,
    text,
    prefix: optionalString(get('prefix')) ?? '',
    suffix: optionalString(get('suffix')) ?? '',
    ...defined('note', optionalString(get('note'))),
    ...defined('attributes', isMap(attributes) ? (attributes.toJSON() as Record<string, unknown>) : undefined),
    ...defined('author', optionalString(get('author'))),
    ...defined('created', optionalString(get('created'))),
    ...defined('status', status),
    ...defined('previousText', optionalString(get('previous_text'))),
    ...defined('review', review as ReviewVerdict | undefined),
    ...defined('reviewer', optionalString(get('reviewer'))),
  };
  return tag;
}

function writeTag(doc: Document, node: YAMLMap, tag: Tag): YAMLMap {
  const values: Record<(typeof TAG_KEYS)[number], unknown> = {
    id: tag.id,
    category: tag.category,
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
  return node;
}

/** Sets a key in place so a comment on it survives; undefined removes the key. */
function setField(doc: Document, map: YAMLMap, key: string, value: unknown): void {
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
    if (pair.value.value !== value) pair.value.value = value;
    return;
  }
  const current: unknown = isMap(pair.value) || isSeq(pair.value) ? pair.value.toJSON() : pair.value;
  if (JSON.stringify(current) !== JSON.stringify(value)) pair.value = doc.createNode(value);
}

function valueOf(map: YAMLMap, key: string): unknown {
  return map.get(key);
}

function nodeOf(map: YAMLMap, key: string): unknown {
  return map.get(key, true);
}

function isOffset(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function optionalString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
