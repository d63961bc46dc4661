// A re-save that writes only what changed. Writing a 10,000-tag sidecar through the `yaml`
// Document takes over a second, all of it blocking the editor; a save usually changes a few
// tags. So the text is patched: unchanged entries stay byte for byte, changed ones are written
// again (through the same writeTag, on a document of just that entry), deleted ones are cut and
// added ones go in at their sorted places. Whenever the file's layout is not the plain block
// layout this scanner knows for certain, the caller writes the whole file as before.
import { Document, isMap, isSeq, parseDocument, stringify, type YAMLSeq } from 'yaml';
import { DETAIL_KEYS, sameCodes, type ArticleDetails } from './details';
import { writeTag, YAML_WRITE_OPTIONS } from './sidecarNodes';
import { entryId, idNeedsQuotes, loadQuickly } from './sidecarSource';
import { readPlain } from './sidecarValues';
import { sortTags, type RejectedSuggestion, type Tag } from './tag';

export interface SidecarContents {
  readonly article: string;
  readonly sha256: string;
  readonly tags: readonly Tag[];
  readonly rejected: readonly RejectedSuggestion[];
  readonly details: ArticleDetails;
}

/** What a write sets; details as in SidecarFile.serialize (undefined: leave every detail as read). */
export type SidecarChange = Omit<SidecarContents, 'details'> & { readonly details?: ArticleDetails };

interface Entry {
  readonly start: number;
  /** The last line of the entry (inclusive): its last line indented deeper than its `-`. */
  end: number;
  id?: string;
  /** The id is written bare: one that needs quotes is written again, quoted. */
  plainId?: boolean;
  /** The line of its `id:` key (at its `-` plus two). */
  idLine?: number;
}

interface Edit {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

/**
 * Things the scanner does not follow: aliases (an entry cut or written again could hold the
 * anchor), YAML tags, directives and document markers, CR. Like the fast reader's checks, any
 * hint of one will do.
 */
function uncertain(source: string): boolean {
  if (source.includes('\r') || source.charCodeAt(0) === 0xfeff) return true;
  for (const start of ['---', '...', '%']) if (source.startsWith(start) || source.includes(`\n${start}`)) return true;
  // As the fast reader's checks: `*x` or `!` after white space, `[`, `{`, `,` or `:` (a scan for the characters is quicker than a regex).
  for (const mark of ['*', '!']) {
    for (let at = source.indexOf(mark); at >= 0; at = source.indexOf(mark, at + 1)) {
      if (at > 0 && !/[\s[{,:]/.test(source[at - 1]!)) continue;
      if (mark === '!' || !/[\s,\]}]/.test(source[at + 1] ?? ' ')) return true;
    }
  }
  return false;
}
const TOP_KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?= |$)/;

/** The patched text, or undefined when patching is not certain to be right. */
export function patchSidecar(source: string, before: SidecarContents, after: SidecarChange): string | undefined {
  if (!source.endsWith('\n') || uncertain(source)) return undefined;
  const starts = lineStarts(source);
  const lineCount = starts.length - 1;
  const line = (i: number): string => source.slice(starts[i], starts[i + 1]! - 1);

  // One pass: the top-level keys, and the tags list's entries.
  const topKeys = new Map<string, { line: number; end: number }>();
  let current: { line: number; end: number } | undefined;
  let tagsLine = -1;
  let itemIndent = -1;
  const entries: Entry[] = [];
  for (let i = 0; i < lineCount; i++) {
    const at = starts[i]!;
    let indent = 0;
    while (source.charCodeAt(at + indent) === 0x20) indent++;
    const c = source.charCodeAt(at + indent);
    // A `#` line indented into a block may go on a quoted value: it counts as part of the block.
    if (c === 0x0a || (c === 0x23 /* # */ && (indent === 0 || (current?.line === tagsLine && (itemIndent < 0 || indent <= itemIndent))))) continue;
    if (c === 0x09) return undefined;
    const inTags = current !== undefined && current.line === tagsLine;
    const dash = c === 0x2d && (source.charCodeAt(at + indent + 1) === 0x20 || source.charCodeAt(at + indent + 1) === 0x0a);
    if (inTags && dash && (itemIndent === -1 || indent === itemIndent)) {
      if (source.charCodeAt(at + indent + 1) !== 0x20) return undefined; // an entry starting on the next line
      itemIndent = indent;
      entries.push({ start: i, end: i, ...(source.startsWith('id:', at + indent + 2) ? { idLine: i } : {}) });
      current!.end = i;
      continue;
    }
    if (indent === 0 && dash && current && !inTags) {
      current.end = i; // another list, laid out as PyYAML does
      continue;
    }
    if (indent === 0) {
      const key = TOP_KEY.exec(line(i))?.[1];
      if (key === undefined || topKeys.has(key)) return undefined;
      current = { line: i, end: i };
      topKeys.set(key, current);
      if (key === 'tags') {
        if (!/^tags:[ ]*(#.*)?$/.test(line(i))) return undefined; // `tags: []` and the like
        tagsLine = i;
      }
      continue;
    }
    if (!current) return undefined;
    if (inTags) {
      const entry = entries.at(-1);
      if (!entry || indent <= itemIndent) return undefined;
      entry.end = i;
      if (indent === itemIndent + 2 && source.startsWith('id:', at + indent)) {
        if (entry.idLine !== undefined) return undefined;
        entry.idLine = i;
      }
    }
    current.end = i;
  }
  if (tagsLine < 0) return undefined;

  // Each entry's id, as the reader took it; every tag read must be found, once.
  const beforeById = new Map(before.tags.map((t) => [t.id, t]));
  if (entries.length !== before.tags.length || beforeById.size !== before.tags.length) return undefined;
  const seen = new Set<string>();
  for (const entry of entries) {
    if (!readEntryId(entry, line, itemIndent)) return undefined;
    if (!beforeById.has(entry.id!) || seen.has(entry.id!)) return undefined;
    seen.add(entry.id!);
  }

  const edits: Edit[] = [];
  const rendered: string[] = [];
  /** The tags written anew, to read back from `rendered`. */
  const intended: Tag[] = [];
  if (itemIndent < 0) itemIndent = 2;
  const afterById = new Map(after.tags.map((t) => [t.id, t]));
  if (afterById.size !== after.tags.length) return undefined;
  const indentEntries = (text: string): string => (itemIndent <= 0 ? text : text.replace(/^(?=.)/gm, ' '.repeat(itemIndent)));

  // Entries stay where they are: the patch applies only when that is their sorted order.
  const kept = entries.filter((e) => afterById.has(e.id!));
  const sorted = sortTags(after.tags);
  let next = 0;
  let pending: Tag[] = [];
  const insert = (): boolean => {
    if (pending.length === 0) return true;
    if (next > 0 && !closed(line(kept[next - 1]!.end))) return false;
    const at = next > 0 ? kept[next - 1]!.end + 1 : tagsLine + 1;
    const text = newEntries(pending);
    if (text === undefined) return false;
    intended.push(...pending);
    rendered.push(indentEntries(text));
    edits.push({ from: at, to: at, text: rendered.at(-1)! });
    pending = [];
    return true;
  };
  for (const tag of sorted) {
    if (!beforeById.has(tag.id)) {
      pending.push(tag);
      continue;
    }
    if (kept[next]?.id !== tag.id || !insert()) return undefined;
    next++;
  }
  if (!insert()) return undefined;

  for (const entry of entries) {
    const tag = afterById.get(entry.id!);
    if (tag && unchanged(beforeById.get(entry.id!)!, tag) && !(entry.plainId && idNeedsQuotes(tag.id))) continue;
    // What follows a cut must not be the rest of a value on its last line.
    if (!closed(line(entry.end))) return undefined;
    if (!tag) {
      edits.push({ from: entry.start, to: entry.end + 1, text: '' });
      continue;
    }
    const lines: string[] = [];
    for (let i = entry.start; i <= entry.end; i++) lines.push(line(i).slice(itemIndent));
    const text = changedEntry(lines.join('\n') + '\n', tag);
    if (text === undefined) return undefined;
    intended.push(tag);
    rendered.push(indentEntries(text));
    edits.push({ from: entry.start, to: entry.end + 1, text: rendered.at(-1)! });
  }

  const header = headerEdits(before, after, topKeys, tagsLine, line);
  if (header === undefined) return undefined;
  edits.push(...header);
  if (!entriesReadAsIntended(rendered, intended)) return undefined;

  // Insertions before removals at the same line keep them apart.
  edits.sort((a, b) => a.from - b.from || a.to - b.to);
  let out = '';
  let from = 0;
  for (const edit of edits) {
    if (edit.from < from) return undefined;
    out += source.slice(starts[from], starts[edit.from]) + edit.text;
    from = edit.to;
  }
  return out + source.slice(starts[from]);
}

function lineStarts(source: string): number[] {
  const starts = [0];
  for (let at = source.indexOf('\n'); at >= 0; at = source.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/**
 * A line that ends what it holds: a key with a one-line scalar, an empty mapping or list, or no
 * value. A lenient reader lets a quoted value go on at a lesser indent, even as a `#` line: after
 * any other last line the entry's end is not certain.
 */
function closed(text: string): boolean {
  const key = /^ *(?:- )?[A-Za-z_][A-Za-z0-9_-]*:/.exec(text);
  if (!key) return false;
  const rest = text.slice(key[0].length);
  return /^ *(?:\{\}|\[\])? *(?:#.*)?$/.test(rest) || scalarOnLine(text, key[0].length) !== undefined;
}

/** Reads an entry's id from its `id:` line. */
function readEntryId(entry: Entry, line: (i: number) => string, itemIndent: number): boolean {
  if (entry.idLine === undefined) return false;
  const value = scalarOnLine(line(entry.idLine), itemIndent + 5);
  if (!value) return false;
  entry.id = value.value;
  entry.plainId = value.plain;
  return true;
}

/**
 * A one-line scalar after a key (from `at`): its text, where it ends, and whether it is bare.
 * Undefined for anything else: a value on the next lines, a flow collection, an escape JSON
 * does not have.
 */
function scalarOnLine(text: string, at: number): { value: string; plain: boolean; from: number; to: number } | undefined {
  if (text[at] !== ' ') return undefined;
  let from = at;
  while (text[from] === ' ') from++;
  const c = text[from];
  let to: number;
  let value: string;
  if (c === '"') {
    to = from + 1;
    while (to < text.length && text[to] !== '"') to += text[to] === '\\' ? 2 : 1;
    if (to >= text.length) return undefined;
    try {
      value = JSON.parse(text.slice(from, ++to)) as string;
    } catch {
      return undefined;
    }
  } else if (c === "'") {
    to = from + 1;
    for (;;) {
      const close = text.indexOf("'", to);
      if (close < 0) return undefined;
      if (text[close + 1] === "'") to = close + 2;
      else {
        to = close + 1;
        break;
      }
    }
    value = text.slice(from + 1, to - 1).replaceAll("''", "'");
  } else {
    if (c === undefined || /[[\]{},&*!|>%@`#?:-]/.test(c)) return undefined;
    const comment = text.indexOf(' #', from);
    to = comment < 0 ? text.length : comment;
    while (text[to - 1] === ' ') to--;
    value = text.slice(from, to);
    if (/: /.test(value) || value.endsWith(':')) return undefined;
  }
  if (!/^ *(#.*)?$/.test(text.slice(to))) return undefined;
  return { value, plain: c !== '"' && c !== "'", from, to };
}

/**
 * An entry that writing would leave as it reads: the same tag, in the form writeTag writes (it
 * drops empty attributes and `status: anchored`, so such an entry is written again).
 */
function unchanged(before: Tag, after: Tag): boolean {
  return sameAsWritten(before, after) && before.status === after.status && attributesAsWritten(before) === attributesAsWritten(after)
    && after.status !== 'anchored' && !(after.attributes && Object.keys(after.attributes).length === 0);
}

/** Two tags that writeTag writes alike. */
function sameAsWritten(a: Tag | undefined, b: Tag): boolean {
  if (!a) return false;
  return a.id === b.id && a.category === b.category && a.label === b.label && a.start === b.start && a.end === b.end && a.text === b.text && a.prefix === b.prefix && a.suffix === b.suffix
    && a.note === b.note && a.author === b.author && a.created === b.created && statusAsWritten(a) === statusAsWritten(b) && a.previousText === b.previousText
    && a.review === b.review && a.reviewer === b.reviewer && attributesAsWritten(a) === attributesAsWritten(b);
}

function statusAsWritten(t: Tag): string | undefined {
  return t.status === 'anchored' ? undefined : t.status;
}

function attributesAsWritten(t: Tag): string | undefined {
  return t.attributes && Object.keys(t.attributes).length > 0 ? JSON.stringify(t.attributes) : undefined;
}

/** An entry written again, keeping its comments, key order and unknown keys. */
function changedEntry(text: string, tag: Tag): string | undefined {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0 || !isSeq(doc.contents) || doc.contents.items.length !== 1) return undefined;
  const map = doc.contents.items[0];
  if (!isMap(map) || entryId(map) !== tag.id) return undefined;
  writeTag(doc, map, tag);
  return doc.toString(YAML_WRITE_OPTIONS);
}

function newEntries(tags: readonly Tag[]): string | undefined {
  const doc = new Document([]);
  const seq = doc.contents as YAMLSeq;
  seq.flow = false;
  for (const tag of tags) seq.items.push(writeTag(doc, doc.createNode({}), tag));
  return doc.toString(YAML_WRITE_OPTIONS);
}

/** The rewritten entries, read back by the fast reader, are exactly these tags. */
function entriesReadAsIntended(rendered: readonly string[], intended: readonly Tag[]): boolean {
  if (rendered.length === 0) return intended.length === 0;
  const data = loadQuickly(`newsmark: 1\narticle: a\nsha256: a\ntags:\n${rendered.join('')}`);
  if (data === undefined) return false;
  const read = readPlain(data);
  if (read.problems.length > 0 || read.invalid.length > 0 || read.tags.length !== intended.length) return false;
  const byId = new Map(read.tags.map((t) => [t.id, t]));
  return intended.every((t) => sameAsWritten(byId.get(t.id), t));
}

/** The header keys that change: article, sha256, details and rejected suggestions. */
function headerEdits(before: SidecarContents, after: SidecarChange, topKeys: ReadonlyMap<string, { line: number; end: number }>, tagsLine: number, line: (i: number) => string): Edit[] | undefined {
  const edits: Edit[] = [];
  const set = (key: string, value: string | undefined): boolean => {
    const found = topKeys.get(key);
    if (!found) {
      if (value === undefined) return true;
      const text = `${key}: ${scalarText(key, value) ?? ''}\n`;
      if (scalarText(key, value) === undefined || !readsAs(text, key, value)) return false;
      edits.push({ from: tagsLine, to: tagsLine, text });
      return true;
    }
    if (found.end !== found.line) return false; // a value over several lines
    if (value === undefined) {
      edits.push({ from: found.line, to: found.line + 1, text: '' });
      return true;
    }
    const old = line(found.line);
    const scalar = scalarOnLine(old, key.length + 1);
    const written = scalarText(key, value);
    if (!scalar || written === undefined) return false;
    const text = `${old.slice(0, scalar.from)}${written}${old.slice(scalar.to)}\n`;
    if (!readsAs(text, key, value)) return false;
    edits.push({ from: found.line, to: found.line + 1, text });
    return true;
  };
  if (after.article !== before.article && !set('article', after.article)) return undefined;
  if (after.sha256 !== before.sha256 && !set('sha256', after.sha256)) return undefined;
  if (after.details) {
    for (const key of DETAIL_KEYS) if (after.details[key] !== before.details[key] && !set(key, after.details[key])) return undefined;
    // Codes are a mapping, set now and then: the full write handles them (and their comments).
    if (!sameCodes(after.details.codes, before.details.codes)) return undefined;
  }
  if (JSON.stringify(plainRejected(after.rejected)) !== JSON.stringify(plainRejected(before.rejected))) {
    const found = topKeys.get('rejected');
    const text = after.rejected.length > 0 ? stringify({ rejected: plainRejected(after.rejected) }, YAML_WRITE_OPTIONS) : '';
    if (text !== '') {
      const data = loadQuickly(`newsmark: 1\narticle: a\nsha256: a\n${text}`);
      if (data === undefined || JSON.stringify(plainRejected(readPlain(data).rejected)) !== JSON.stringify(plainRejected(after.rejected))) return undefined;
    }
    if (found) edits.push({ from: found.line, to: found.end + 1, text });
    else edits.push({ from: tagsLine, to: tagsLine, text });
  }
  return edits;
}

function plainRejected(rejected: readonly RejectedSuggestion[]): unknown[] {
  return rejected.map((r) => ({ category: r.category, start: r.start, end: r.end, text: r.text }));
}

/** A header value as the `yaml` package writes it, if on one line. */
function scalarText(key: string, value: string): string | undefined {
  const text = stringify({ [key]: value }, YAML_WRITE_OPTIONS);
  return text.startsWith(`${key}: `) && text.indexOf('\n') === text.length - 1 ? text.slice(key.length + 2, -1) : undefined;
}

function readsAs(text: string, key: string, value: string): boolean {
  const data = loadQuickly(text) as Record<string, unknown> | undefined;
  return data?.[key] === value;
}
