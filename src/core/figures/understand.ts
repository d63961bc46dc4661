/**
 * A figure tag understood: its amount, hedge, counted thing, source and time, from the tag and
 * its sentence. Attributes the analyst set on the tag (value, min, max, unit, counts, source,
 * as_of) win over the parse: they are how a wrong reading gets corrected.
 */
import { TextIndex } from '../textIndex';
import type { Tag } from '../tag';
import { attributionIn, familyIn, sentenceAround, timeIn, type TimeRef } from './attribution';
import { canonicalCounts, countedThing } from './counted';
import { allowedInterval, parseQuantity } from './quantity';
import { DEFAULT_VOCABULARY, type FigureVocabulary } from './vocabulary';

export interface FigureReading {
  /** A single value; absent for a range or a bound. */
  readonly value?: number;
  readonly min?: number;
  /** Absent with a min: an open range ("more than 2,000"). */
  readonly max?: number;
  /** "nearly", "at least", "as many as", "between" …, or null when the figure is stated flat. */
  readonly hedge: string | null;
  readonly unit: string | null;
  /** The canonical counted thing, the ledger's first grouping key ("troops killed"). */
  readonly counted: string;
  readonly qualifiers: readonly string[];
  /** The source as written, or null when the sentence attributes the figure to no one. */
  readonly source: string | null;
  /** The source family for grouping (canonical from the vocabulary, else the lower-case name). */
  readonly sourceKey: string | null;
  /** The time as written ("March 25", "late March"), or null. */
  readonly as_of: string | null;
  /** The days of the year that time may mean, for comparing; null when unknown. */
  readonly when: { readonly from: number; readonly to: number } | null;
  /** No amount could be read and none was set by hand. */
  readonly unreadable: boolean;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v.replace(/,/g, ''))) ? Number(v.replace(/,/g, '')) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : v instanceof Date ? v.toISOString().slice(0, 10) : undefined);

/**
 * Reads one figure tag in its article (LF text, tag offsets in code points as in the sidecar).
 * The reading depends only on the tag's sentence, its place in it, its text and attributes; a
 * `cache` shared over a workspace reads a sentence that outlets reprint word for word (wire copy)
 * once. A cache holds readings of one vocabulary only; tags with attributes (rare hand
 * corrections) are always read afresh.
 */
export function readFigure(tag: Pick<Tag, 'start' | 'end' | 'text' | 'attributes'>, articleLf: string, vocabulary: FigureVocabulary = DEFAULT_VOCABULARY, index = new TextIndex(articleLf), cache?: Map<string, FigureReading>): FigureReading {
  const s = index.toUtf16(Math.min(tag.start, index.length));
  const e = index.toUtf16(Math.min(tag.end, index.length));
  // A tag whose offsets no longer cut out its text (a stale sidecar) is still read from its own text.
  const inPlace = articleLf.slice(s, e) === tag.text;
  const sentence = inPlace ? sentenceAround(articleLf, s, e) : { s, e };
  const sentenceText = inPlace ? articleLf.slice(sentence.s, sentence.e) : tag.text;
  if (!cache || tag.attributes) return readInSentence(tag, sentenceText, s - sentence.s, inPlace, vocabulary);
  const key = `${inPlace ? s - sentence.s : -1}\u0000${tag.text}\u0000${sentenceText}`;
  let reading = cache.get(key);
  if (!reading) cache.set(key, (reading = readInSentence(tag, sentenceText, s - sentence.s, inPlace, vocabulary)));
  return reading;
}

/** The tag's text sits at `at` of its sentence (inPlace), or is its own sentence (not). */
function readInSentence(tag: Pick<Tag, 'text' | 'attributes'>, sentenceText: string, at: number, inPlace: boolean, vocabulary: FigureVocabulary): FigureReading {
  const before = inPlace ? sentenceText.slice(0, at) : '';
  const q = parseQuantity(tag.text, before);
  const afterNumber = (q ? tag.text.slice(q.end) : tag.text) + (inPlace ? sentenceText.slice(at + tag.text.length) : '');
  const beforeNumber = before + (q ? tag.text.slice(0, Math.max(0, q.end - 1)).replace(/[\d,.]+\s*\S*$/, '') : '');
  const counted = countedThing({ after: afterNumber, before: beforeNumber }, vocabulary);
  const attribution = attributionIn(sentenceText, at, vocabulary.sources);
  const time: TimeRef | undefined = timeIn(sentenceText, at);
  const a = tag.attributes ?? {};
  const hand = { value: num(a['value']), min: num(a['min']), max: num(a['max']) };
  const comparator = str(a['comparator']);
  let amount: Pick<FigureReading, 'value' | 'min' | 'max'>;
  if (hand.value !== undefined) {
    amount = comparator?.startsWith('>') ? { min: hand.value } : comparator?.startsWith('<') ? { max: hand.value } : { value: hand.value };
  } else if (hand.min !== undefined || hand.max !== undefined) {
    amount = { ...(hand.min !== undefined ? { min: hand.min } : {}), ...(hand.max !== undefined ? { max: hand.max } : {}) };
  } else {
    amount = q ? { ...(q.value !== undefined ? { value: q.value } : {}), ...(q.min !== undefined ? { min: q.min } : {}), ...(q.max !== undefined ? { max: q.max } : {}) } : {};
  }
  const unit = str(a['unit']) ?? q?.unit ?? null;
  const counts = str(a['counts']);
  const handHead = unit && unit !== 'percent' && !/^[A-Z]{3}$/.test(unit) ? canonicalCounts(unit, vocabulary) : undefined;
  const parsedCounted = handHead ? [handHead, counted.outcome].filter(Boolean).join(' ') : counted.counted;
  const source = str(a['source']);
  const asOf = str(a['as_of']);
  const handTime = asOf !== undefined ? timeIn(asOf, 0) : undefined;
  return {
    ...amount,
    hedge: q?.hedge ?? (comparator?.startsWith('>') ? 'more than' : comparator?.startsWith('<') ? 'fewer than' : null),
    unit,
    counted: counts !== undefined ? canonicalCounts(counts, vocabulary) : parsedCounted,
    qualifiers: counted.qualifiers,
    source: source ?? attribution.source,
    sourceKey: source !== undefined ? familyIn(source, vocabulary.sources) ?? source.toLowerCase() : attribution.sourceKey,
    as_of: asOf ?? time?.text ?? null,
    when: asOf !== undefined ? (handTime ? { from: handTime.from, to: handTime.to } : null) : time ? { from: time.from, to: time.to } : null,
    unreadable: amount.value === undefined && amount.min === undefined && amount.max === undefined,
  };
}

/** The values a reading allows; see allowedInterval. */
export function intervalOf(r: Pick<FigureReading, 'value' | 'min' | 'max' | 'hedge'>): { lo: number; hi: number } {
  return allowedInterval(r);
}
