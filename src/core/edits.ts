import type { Tag } from './tag';

/** One text change in sidecar units: `deleted` code points at `start` replaced by `insertedText`. */
export interface TextChange {
  readonly start: number;
  readonly deleted: number;
  /** The new text, LF line ends. */
  readonly insertedText: string;
}

export interface ShiftResult {
  readonly tags: Tag[];
  /** Ids of tags whose text the change altered: they must be re-checked against the article. */
  readonly touched: string[];
}

/**
 * Moves tags through one change. Before the change: unchanged. After it: shifted by the
 * length difference. Overlapping it: the tag keeps what remains of its span, and takes in
 * text replaced inside it. A tag whose whole span was deleted collapses to zero length at
 * the change (drawn nowhere, never dropped); re-inserting its exact text there — an undo —
 * brings it back.
 */
export function shiftTags(tags: readonly Tag[], change: TextChange): ShiftResult {
  const s = change.start;
  const e = s + change.deleted;
  const inserted = codePointLength(change.insertedText);
  const delta = inserted - change.deleted;
  const touched: string[] = [];

  const out = tags.map((tag) => {
    if (tag.status === 'orphaned') return tag;
    if (tag.start === tag.end) {
      // A collapsed tag: restored by an undo that re-inserts its text at its place, else moved along.
      if (change.deleted === 0 && s === tag.start && change.insertedText === tag.text) {
        return { ...tag, end: tag.start + inserted };
      }
      const p = tag.start < s ? tag.start : tag.start >= e ? tag.start + delta : s;
      return p === tag.start ? tag : { ...tag, start: p, end: p };
    }
    if (tag.end <= s) return tag; // text typed right after a tag stays outside it
    if (tag.start >= e) {
      return { ...tag, start: tag.start + delta, end: tag.end + delta };
    }
    const start = mapStart(tag, s, e, inserted, delta);
    const end = mapEnd(tag, s, e, inserted, delta);
    if (end <= start) {
      touched.push(tag.id);
      return { ...tag, start: s, end: s };
    }
    if (change.deleted > 0 || (s > tag.start && s < tag.end)) touched.push(tag.id);
    return { ...tag, start, end };
  });
  return { tags: out, touched };
}

function mapStart(tag: Tag, s: number, e: number, inserted: number, delta: number): number {
  const p = tag.start;
  if (p < s) return p;
  if (p > e) return p + delta;
  if (s === e) return p + inserted; // insertion at the tag's start is outside it
  if (p === s && e <= tag.end) return s; // a replacement from the start, inside the tag: keep the new text
  return s + inserted;
}

function mapEnd(tag: Tag, s: number, e: number, inserted: number, delta: number): number {
  const p = tag.end;
  if (p < s) return p;
  if (p > e) return p + delta;
  if (s === e) return p; // insertion at the tag's end is outside it
  if (p === e && s >= tag.start) return s + inserted; // a replacement up to the end, inside the tag
  return s;
}

export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
