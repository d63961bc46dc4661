import * as l10n from '@vscode/l10n';
import {
  Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Node,
  type Pair,
  type YAMLMap,
  YAMLSeq,
} from 'yaml';
import { DETAIL_KEYS, sameCodes, type ArticleCodes, type ArticleDetails } from './details';
import { writeTag, setField, YAML_WRITE_OPTIONS } from './sidecarNodes';
import { patchSidecar } from './sidecarPatch';
import { scanSidecar } from './sidecarScan';
import { entryId, keepNumbersAsWritten, loadQuickly, overflowsAsWritten, TOO_DEEP_MESSAGE, tooDeepAt, withIdsAsWritten, withOffsetsAsWritten } from './sidecarSource';
import { SIDECAR_VERSION, readPlain, type Located, type ReadResult } from './sidecarValues';
import { sortTags, type RejectedSuggestion, type Tag } from './tag';
export { articleNameFor, isSidecarName, SIDECAR_SUFFIX, sidecarNameFor } from './sidecarName';

export { SIDECAR_VERSION } from './sidecarValues';

/** The `yaml` package's guard against alias bombs ("billion laughs"): past this, refuse. */
const MAX_ALIAS_COUNT = 100;

/**
 * How many reads took each path. The careful path is several times slower, so a file that goes
 * down it for no reason makes a large corpus slow; tests hold the common files to the fast one.
 * `scanned` counts the quick reads the scanner (sidecarScan.ts) made without js-yaml.
 */
export const sidecarReadPaths = { quick: 0, thorough: 0, scanned: 0 };


/** A problem in a sidecar, with a 1-based line and column for the Problems view. */
export interface SidecarProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Success may still carry problems: tags that could not be read are reported on their lines and
 * kept in the file as they are, while the rest of the file loads.
 */
export type SidecarParse = { ok: true; sidecar: SidecarFile } | { ok: false; problems: SidecarProblem[] };

/** A tag entry that could not be read: left out of the tags, kept verbatim when the file is written. */
export interface InvalidTagEntry extends SidecarProblem {
  /** Its index in the file's `tags:` list. */
  readonly index: number;
}

export class SidecarWriteError extends Error {
  constructor(readonly problems: readonly SidecarProblem[]) {
    const first = problems[0];
    super(l10n.t('line {0}: {1} The file is left as it is.', first?.line ?? 1, first?.message ?? l10n.t('cannot be written back')));
  }
}


/**
 * A sidecar as YAML. Reading takes a fast path (js-yaml to plain values) when the file is well
 * formed and has no aliases; anything doubtful goes through the `yaml` package, which refuses
 * alias bombs and gives every problem a line and column. The `yaml` Document is built only for
 * writing, and writing through it keeps the user's comments, key order and unknown keys.
 */
export class SidecarFile {
  private located: { doc: Document; lines: LineCounter } | undefined;

  private constructor(
    private readonly source: string | undefined,
    private doc: Document | undefined,
    readonly article: string,
    readonly sha256: string,
    readonly tags: readonly Tag[],
    /** Suggestions the analyst rejected (top-level `rejected:`). */
    readonly rejected: readonly RejectedSuggestion[] = [],
    /** Entries of `tags:` that could not be read, with where and why. */
    readonly invalidTags: readonly InvalidTagEntry[] = [],
    /** The readable header details (outlet, url, published, headline, byline). */
    readonly details: ArticleDetails = {},
    /** Header details that are there but bad: reported on their lines, kept in the file as written. */
    readonly detailProblems: readonly SidecarProblem[] = [],
  ) {}

  static parse(text: string): SidecarParse {
    const quick = quickRead(text);
    // Anything to report needs a line number, which only the thorough path gives.
    if (quick && quick.problems.length === 0 && quick.invalid.length === 0 && quick.detailProblems.length === 0) {
      sidecarReadPaths.quick++;
      return { ok: true, sidecar: new SidecarFile(text, undefined, quick.article, quick.sha256, quick.tags, quick.rejected, [], quick.details) };
    }
    sidecarReadPaths.thorough++;
    return parseThoroughly(text);
  }

  /** @internal The thorough path's result. */
  static fromDocument(doc: Document, text: string, fields: Pick<ReadResult, 'article' | 'sha256' | 'tags' | 'rejected' | 'details'>, invalid: readonly InvalidTagEntry[], detailProblems: readonly SidecarProblem[] = []): SidecarFile {
    return new SidecarFile(text, doc, fields.article, fields.sha256, fields.tags, fields.rejected, invalid, fields.details, detailProblems);
  }

  /** Where a tag's entry starts in the file (1-based), for diagnostics about it. */
  positionOf(id: string): { line: number; column: number } {
    const { lines } = this.locate();
    const pos = lines.linePos(this.tagEntry(id)?.range?.[0] ?? 0);
    return { line: pos.line, column: pos.col };
  }

  /**
   * Where a key is written (1-based): a tag's key when `id` is given, else a header key, or one
   * key of a header mapping (`codes` › `primary_frame`). Falls back to the entry, then line 1.
   */
  positionOfKey(id: string | undefined, key: string, sub?: string): { line: number; column: number } {
    const { doc, lines } = this.locate();
    const map = id !== undefined ? this.tagEntry(id) : doc.contents;
    let node: unknown = isMap(map) ? map.items.find((p) => isScalar(p.key) && p.key.value === key)?.key : undefined;
    const value = isMap(map) ? map.get(key, true) : undefined;
    if (sub !== undefined && isMap(value)) node = value.items.find((p) => isScalar(p.key) && p.key.value === sub)?.key ?? node;
    const pos = lines.linePos((node as Node | undefined)?.range?.[0] ?? (map as Node | undefined)?.range?.[0] ?? 0);
    return { line: pos.line, column: pos.col };
  }

  private locate(): { doc: Document; lines: LineCounter } {
    // Parsed once, with line numbers, however many tags are asked about.
    this.located ??= (() => {
      const lines = new LineCounter();
      return { doc: parseDocument(this.source ?? '', { lineCounter: lines }), lines };
    })();
    return this.located;
  }

  private tagEntry(id: string): YAMLMap | undefined {
    const seq = this.locate().doc.get('tags', true);
    return isSeq(seq) ? (seq.items.find((item) => isMap(item) && entryId(item) === id) as YAMLMap | undefined) : undefined;
  }

  /** A new, empty sidecar for an article. */
  static create(article: string, sha256: string): SidecarFile {
    const doc = new Document({ newsmark: SIDECAR_VERSION, article, sha256, tags: [] });
    // On the mapping, not the document: a document comment would be followed by a blank line.
    (doc.contents as YAMLMap).commentBefore = ` Newsmark tags for ${article} — edit with care; comments are kept.`;
    return new SidecarFile(undefined, doc, article, sha256, []);
  }

  private document(): Document {
    this.doc ??= parseDocument(this.source ?? '', { uniqueKeys: true });
    return this.doc;
  }

  /**
   * Why this file cannot be written back, if it cannot: the lenient fast reader accepts a few
   * things the `yaml` package, which writes, does not (odd indentation in quoted text, tags on
   * mappings). Then the file is left as it is, like any file Newsmark cannot read.
   */
  writeProblems(): SidecarProblem[] {
    const doc = this.doc ?? parseDocument(this.source ?? '', { uniqueKeys: true });
    const at = (offset: number | undefined): { line: number; column: number } => {
      const before = (this.source ?? '').slice(0, offset ?? 0).split('\n');
      return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
    };
    if (doc.errors.length > 0) return doc.errors.map((e) => ({ message: firstLine(e.message), ...at(e.pos[0]) }));
    const problems: SidecarProblem[] = [];
    visit(doc, {
      Collection(_, node) {
        if (node.tag !== undefined && !['tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq'].includes(node.tag)) {
          problems.push({ message: l10n.t('A YAML tag ({0}) on a mapping or list: Newsmark cannot write this file back faithfully.', node.tag), ...at(node.range?.[0]) });
        }
      },
    });
    if (problems.length === 0) this.doc = doc;
    return problems;
  }

  /**
   * The YAML text with these tags and hash, keeping everything else of the original. Throws
   * SidecarWriteError, before anything is written, for a file that cannot be written back faithfully.
   * With `details`, each detail that differs from what was read is set (undefined removes it); one
   * left as read stays as written, a bad value too.
   */
  serialize(tags: readonly Tag[], sha256: string, article: string = this.article, rejected: readonly RejectedSuggestion[] = this.rejected, details?: ArticleDetails): string {
    // A few tags changed in a large file: patched in a few milliseconds instead of written whole in a second.
    if (this.source !== undefined && this.invalidTags.length === 0) {
      const patched = patchSidecar(this.source, this, { tags, sha256, article, rejected, ...(details ? { details } : {}) });
      if (patched !== undefined) return patched;
    }
    return this.serializeWhole(tags, sha256, article, rejected, details);
  }

  /** @internal The full write through the `yaml` Document, which the patch must agree with. */
  serializeWhole(tags: readonly Tag[], sha256: string, article: string = this.article, rejected: readonly RejectedSuggestion[] = this.rejected, details?: ArticleDetails): string {
    const problems = this.writeProblems();
    if (problems.length > 0) throw new SidecarWriteError(problems);
    const doc = this.document().clone();
    const root = doc.contents as YAMLMap;
    setField(doc, root, 'article', article);
    setField(doc, root, 'sha256', sha256);
    if (details) {
      for (const key of DETAIL_KEYS) if (details[key] !== this.details[key]) setHeaderField(doc, root, key, details[key]);
      if (!sameCodes(details.codes, this.details.codes)) setCodes(doc, root, this.details.codes, details.codes);
    }
    setField(doc, root, 'rejected', rejected.length > 0 ? rejected.map((r) => ({ category: r.category, start: r.start, end: r.end, text: r.text })) : undefined);
    const existing = nodeOf(root, 'tags');
    const seq: YAMLSeq = isSeq(existing) ? existing : new YAMLSeq();
    if (seq !== existing) root.set('tags', seq);
    // Entries that could not be read stay as written, in their places, for the analyst to fix.
    const invalid = new Set(this.invalidTags.map((entry) => entry.index));
    const byId = new Map<string, YAMLMap>();
    seq.items.forEach((item, index) => {
      if (isMap(item) && !invalid.has(index)) {
        const id = entryId(item);
        if (typeof id === 'string') byId.set(id, item);
      }
    });
    const written = sortTags(tags).map((tag) => writeTag(doc, byId.get(tag.id) ?? (doc.createNode({}) as YAMLMap), tag));
    let next = 0;
    const items: unknown[] = [];
    seq.items.forEach((item, index) => {
      if (invalid.has(index)) items.push(item);
      else if (next < written.length) items.push(written[next++]);
    });
    const unreadable = new Set(seq.items.filter((_, i) => invalid.has(i)));
    seq.items = afterTheirNamesakes([...items, ...written.slice(next)], unreadable);
    keepNumbersAsWritten(doc, unreadable);
    return doc.toString(YAML_WRITE_OPTIONS);
  }
}

/**
 * An unreadable entry that shares its id with a tag (a duplicate) goes after that tag, so the
 * next read loads the same one and reports the same one.
 */
function afterTheirNamesakes(items: unknown[], unreadable: ReadonlySet<unknown>): unknown[] {
  if (unreadable.size === 0) return items;
  const idOf = (item: unknown): unknown => (isMap(item) ? entryId(item) : undefined);
  const result = items.filter((item) => !unreadable.has(item) || !items.some((other) => !unreadable.has(other) && idOf(other) === idOf(item) && idOf(item) !== undefined));
  for (const item of items) {
    if (result.includes(item)) continue;
    const at = result.findIndex((other) => !unreadable.has(other) && idOf(other) === idOf(item));
    let end = at + 1;
    while (end < result.length && unreadable.has(result[end]) && idOf(result[end]) === idOf(item)) end++;
    result.splice(end, 0, item);
  }
  return result;
}

/**
 * Fast path: the scanner for the layout Newsmark writes, else js-yaml, to plain values; then the
 * same checks. Undefined when neither can decide.
 */
function quickRead(text: string): ReadResult | undefined {
  const scanned = scanSidecar(text);
  if (scanned !== undefined) {
    sidecarReadPaths.scanned++;
    return readPlain(scanned);
  }
  if (MAY_HAVE_ALIAS.test(text)) return undefined; // the yaml package guards against alias bombs
  if (MAY_HAVE_TAG.test(text)) return undefined; // explicit YAML tags: the two parsers may read them differently
  if (/^(<{7}|={7}|>{7})/m.test(text)) return undefined; // conflict markers are reported by the careful path
  const data = loadQuickly(text);
  return data === undefined ? undefined : readPlain(data);
}

/** Thorough path: the yaml package, with alias limits and positions for every problem. */
function parseThoroughly(text: string): SidecarParse {
  const conflicts = conflictMarkers(text);
  if (conflicts.length > 0) return { ok: false, problems: conflicts };
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    const before = text.slice(0, deep).split('\n');
    return { ok: false, problems: [{ message: TOO_DEEP_MESSAGE, line: before.length, column: (before.at(-1)?.length ?? 0) + 1 }] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({ message: firstLine(e.message), line: e.linePos?.[0].line ?? 1, column: e.linePos?.[0].col ?? 1 })),
    };
  }
  // What Newsmark writes back goes through this document: its root must be the mapping the values came from.
  if (!isMap(doc.contents)) return { ok: false, problems: [{ message: l10n.t('A Newsmark sidecar must be a YAML mapping with newsmark, article, sha256 and tags.'), line: 1, column: 1 }] };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return { ok: false, problems: [{ message: l10n.t('Refused: {0}', (e as Error).message), line: 1, column: 1 }] };
  }
  withOffsetsAsWritten(doc, data);
  withIdsAsWritten(doc, data);
  overflowsAsWritten(doc.contents, data);
  const result = readPlain(data);
  const locate = ({ message, path }: Located): SidecarProblem => {
    // The deepest node on the path that exists: the key at fault, else its tag, else the file.
    let node: unknown;
    for (let depth = path.length; depth >= 0 && !node; depth--) node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    const pos = lines.linePos((node as Node | undefined)?.range?.[0] ?? 0);
    return { message, line: pos.line, column: pos.col };
  };
  if (result.problems.length > 0) return { ok: false, problems: result.problems.map(locate) };
  const invalid = result.invalid.map((entry) => ({ ...locate(entry), index: entry.index }));
  return { ok: true, sidecar: SidecarFile.fromDocument(doc, text, result, invalid, result.detailProblems.map(locate)) };
}

/**
 * Git's conflict markers, reported on their own lines: a merge left two versions of the tags in
 * the file, and only the analyst can choose.
 */
function conflictMarkers(text: string): SidecarProblem[] {
  const problems: SidecarProblem[] = [];
  text.split('\n').forEach((line, index) => {
    const marker = /^(<{7}|={7}|>{7}|\|{7})(?:\s|$)/.exec(line)?.[1];
    if (marker) {
      const what = marker[0] === '<' ? l10n.t('start of your side') : marker[0] === '=' ? l10n.t('divider between the two sides') : marker[0] === '>' ? l10n.t('end of their side') : l10n.t('common ancestor');
      problems.push({ message: l10n.t('Git conflict marker ({0}): resolve the merge conflict in this sidecar; Newsmark will not change it until then.', what), line: index + 1, column: 1 });
    }
  });
  return problems;
}

/** An explicit tag (`!!str`, `!local`) in the same places; also rare. */
const MAY_HAVE_TAG = /(^|[\s[{,:])!/;

/** An alias is `*name` after white space, `[`, `{`, `,` or `:` — rare enough that any hint of one takes the careful path. */
const MAY_HAVE_ALIAS = /(^|[\s[{,:])\*[^\s,\]}]/;

/** A header detail: a new one goes with the other header keys, before `tags`, not at the end of the file. */
function setHeaderField(doc: Document, root: YAMLMap, key: string, value: unknown): void {
  const exists = root.items.some((p: Pair) => (isScalar(p.key) ? p.key.value : p.key) === key);
  if (exists || value === undefined) {
    setField(doc, root, key, value);
    return;
  }
  const node = doc.createNode(value);
  const at = root.items.findIndex((p: Pair) => (isScalar(p.key) ? p.key.value : p.key) === 'tags');
  const pair = doc.createPair(key, node);
  if (at < 0) root.items.push(pair);
  else root.items.splice(at, 0, pair);
}

/**
 * Sets the codes in the file's `codes:` mapping one by one, so a comment on a code and any code
 * the reader could not take (kept as written, never dropped) stay; an empty mapping goes.
 */
function setCodes(doc: Document, root: YAMLMap, before: ArticleCodes | undefined, after: ArticleCodes | undefined): void {
  const existing = nodeOf(root, 'codes');
  if (!isMap(existing)) {
    setHeaderField(doc, root, 'codes', after && Object.keys(after).length > 0 ? after : undefined);
    return;
  }
  for (const code of Object.keys(before ?? {})) if (!(after && code in after)) existing.delete(code);
  for (const [code, value] of Object.entries(after ?? {})) setField(doc, existing, code, value);
  if (existing.items.length === 0) root.delete('codes');
}

function nodeOf(map: YAMLMap, key: string): unknown {
  return map.get(key, true);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
