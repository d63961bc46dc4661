/**
 * Tags over the generated article, and the changes the benchmark makes to it, each keeping the
 * TRUTH: where every tag's text really is afterwards. Text is handled as an array of code points,
 * so indexes are the sidecar's offsets (LF code points).
 */
import type { ReattachResult } from '../src/core/anchor/reattach';
import type { CategoryId } from '../src/core/codebook';
import { ArticleText, createTag, type Tag } from '../src/core/tag';
import { randomWords } from './article';
import type { Rng } from './prng';

/** Where a tag's text is now; `edited` once a change touched the inside of its span. */
export interface Truth {
  start: number;
  end: number;
  edited: boolean;
}

/** One change in code points: `deleted` code points at `start` replaced by `inserted`. */
export interface Edit {
  readonly start: number;
  readonly deleted: number;
  readonly inserted: readonly string[];
}

const CATEGORIES: readonly CategoryId[] = ['claim', 'denial', 'figure', 'framing'];

export function isWhite(c: string | undefined): boolean {
  return c === ' ' || c === '\n' || c === '\u00a0';
}

/** `count` tags of about 40 code points, each starting at a distinct word start, made with createTag. */
export function makeTags(rng: Rng, text: string, count: number): Tag[] {
  const article = new ArticleText(text);
  const cps = Array.from(text);
  const wordStarts: number[] = [];
  for (let i = 0; i < cps.length; i++) if (!isWhite(cps[i]) && (i === 0 || isWhite(cps[i - 1]))) wordStarts.push(i);
  if (wordStarts.length < count) throw new Error('article too small for the tag count');
  // Partial Fisher–Yates: the first `count` entries become a random sample without repeats.
  for (let i = 0; i < count; i++) {
    const j = rng.int(i, wordStarts.length - 1);
    [wordStarts[i], wordStarts[j]] = [wordStarts[j] as number, wordStarts[i] as number];
  }
  const starts = wordStarts.slice(0, count).sort((a, b) => a - b);
  const ids = new Set<string>();
  const tags: Tag[] = [];
  for (const start of starts) {
    let end = Math.min(cps.length, start + rng.int(32, 48));
    while (end < cps.length && !isWhite(cps[end])) end++; // finish the word
    for (let k = start; k < end; k++) {
      if (cps[k] === '\n') {
        end = k; // a tag stays inside its paragraph
        break;
      }
    }
    let id = rng.hex8();
    while (ids.has(id)) id = rng.hex8();
    ids.add(id);
    // createTag draws a random id; a seeded one keeps runs identical.
    tags.push({ ...createTag(article, start, end, rng.pick(CATEGORIES), ids), id });
  }
  return tags;
}

export function initialTruth(tags: readonly Tag[]): Truth[] {
  return tags.map((t) => ({ start: t.start, end: t.end, edited: false }));
}

/** Applies one edit to the text (in place) and moves every truth through it. */
export function applyEdit(cps: string[], truths: Truth[], edit: Edit): void {
  cps.splice(edit.start, edit.deleted, ...edit.inserted);
  const p = edit.start;
  const q = p + edit.deleted;
  const delta = edit.inserted.length - edit.deleted;
  for (const t of truths) {
    const hits = edit.deleted > 0 ? p < t.end && q > t.start : p > t.start && p < t.end;
    if (hits) {
      t.edited = true; // its text changed: excluded from the wrong-count
      if (t.end > q) t.end += delta;
      continue;
    }
    if (t.start >= q) {
      t.start += delta;
      t.end += delta;
    }
  }
}

/** A word start: a non-white code point after a space or line end. */
function randomWordStart(rng: Rng, cps: readonly string[]): number {
  for (;;) {
    const p = rng.int(1, cps.length - 2);
    if (isWhite(cps[p - 1]) && !isWhite(cps[p])) return p;
  }
}

/** Insert, delete or replace one to four words at a random word start. */
export function randomEdit(rng: Rng, cps: readonly string[]): Edit {
  const p = randomWordStart(rng, cps);
  const kind = rng.int(0, 2);
  const words = (): string[] => Array.from(randomWords(rng, rng.int(1, 4)).join(' ') + ' ');
  if (kind === 0) return { start: p, deleted: 0, inserted: words() };
  let q = p;
  for (let k = rng.int(1, 3); k > 0 && q < cps.length; k--) {
    while (q < cps.length && !isWhite(cps[q])) q++;
    while (q < cps.length && cps[q] === ' ') q++;
  }
  return { start: p, deleted: q - p, inserted: kind === 1 ? [] : words() };
}

/** The article after `count` random edits, with the truth tracked through them. */
export function editedArticle(rng: Rng, text: string, tags: readonly Tag[], count: number): { text: string; truths: Truth[] } {
  const cps = Array.from(text);
  const truths = initialTruth(tags);
  for (let i = 0; i < count; i++) applyEdit(cps, truths, randomEdit(rng, cps));
  return { text: cps.join(''), truths };
}

/** A word start near the middle that lies inside no tag, for the one-insertion shift row. */
export function quietMiddle(cps: readonly string[], tags: readonly Tag[]): number {
  for (let p = cps.length >> 1; p < cps.length; p++) {
    if (isWhite(cps[p - 1]) && !isWhite(cps[p]) && !tags.some((t) => t.start < p && p < t.end)) return p;
  }
  throw new Error('no quiet place');
}

/**
 * The same article as another site would serve it: curly quotes straight, dashes '-', '…' as
 * '...', U+00A0 as a space, double spaces single, some single spaces doubled, and a zero-width
 * space here and there. Truth follows each original code point to where it lands.
 */
export function redownload(rng: Rng, text: string, tags: readonly Tag[]): { text: string; truths: Truth[]; changes: number } {
  const cps = Array.from(text);
  const out: string[] = [];
  const newStart = new Int32Array(cps.length);
  const newEnd = new Int32Array(cps.length);
  let changes = 0;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i] as string;
    if (rng.chance(0.002)) {
      out.push('\u200b');
      changes++;
    }
    newStart[i] = out.length;
    const replacement = TYPO[c];
    if (replacement !== undefined) {
      out.push(...replacement);
      changes++;
    } else if (c === ' ' && cps[i - 1] === ' ') {
      changes++; // a double space becomes single: this one goes
    } else {
      out.push(c);
      if (c === ' ' && rng.chance(0.01)) {
        out.push(' ');
        changes++;
      }
    }
    newEnd[i] = out.length;
  }
  const truths = tags.map((t) => ({ start: newStart[t.start] as number, end: newEnd[t.end - 1] as number, edited: false }));
  return { text: out.join(''), truths, changes };
}

const TYPO: Record<string, string[]> = {
  '“': ['"'],
  '”': ['"'],
  '‘': ["'"],
  '’': ["'"],
  '–': ['-'],
  '—': ['-'],
  '…': ['.', '.', '.'],
  '\u00a0': [' '],
};

export interface Counts {
  exact: number;
  fuzzy: number;
  orphaned: number;
  wrong: number;
  edited: number;
  /** How the excluded (edited) tags came out. */
  editedAs: Record<string, number>;
  stages: Record<string, number>;
}

/** Scores placements against the truth; tags whose text an edit touched are counted apart. */
export function score(result: ReattachResult, tags: readonly Tag[], truths: readonly Truth[]): Counts {
  const index = new Map(tags.map((t, i) => [t.id, i]));
  const c: Counts = { exact: 0, fuzzy: 0, orphaned: 0, wrong: 0, edited: 0, editedAs: {}, stages: {} };
  for (const p of result.placements) {
    const truth = truths[index.get(p.before.id) as number] as Truth;
    c.stages[p.stage] = (c.stages[p.stage] ?? 0) + 1;
    if (truth.edited) {
      c.edited++;
      c.editedAs[p.status] = (c.editedAs[p.status] ?? 0) + 1;
      continue;
    }
    if (p.status === 'orphaned') c.orphaned++;
    else if (p.status === 'fuzzy') c.fuzzy++;
    else c.exact++;
    if (p.status !== 'orphaned' && (p.tag.start !== truth.start || p.tag.end !== truth.end)) c.wrong++;
  }
  return c;
}
