/**
 * The amount a figure states: a value or a range, with the hedge around it kept apart so that
 * "nearly 1,400" and "at least 1,400" stay different figures. The word lists are the figure
 * suggester's (suggest/numbers.ts); this file gives them values.
 */
import { APPROX, SMALL } from '../suggest/numbers';

export interface Quantity {
  readonly value?: number;
  readonly min?: number;
  /** Absent with a min: an open range ("more than 2,000", "hundreds of"). */
  readonly max?: number;
  /** As written, lower case: "nearly", "at least", "hundreds of", "between". */
  readonly hedge: string | null;
  /** "percent" or a currency code, when the text says. */
  readonly unit?: string;
  /** Where the quantity (with its unit) ends in the text, to find the counted noun after it. */
  readonly end: number;
}

interface Tok {
  readonly low: string;
  readonly s: number;
  readonly e: number;
  readonly num: boolean;
}

const TOKEN = /[$€£¥₽₹]|\d+(?:,\d{3})*(?:\.\d+)?|\d*\.\d+|[\p{L}]+(?:[-'’][\p{L}]+)*|%|[–—-]|[^\s\p{L}\d]/gu;

function tokens(text: string): Tok[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ low: m[0].toLowerCase(), s: m.index, e: m.index + m[0].length, num: /\d/.test(m[0]) }));
}

/** one … nineteen, twenty … ninety: the suggester's SMALL list, in order. */
const SMALL_VALUES = new Map([...SMALL].map((w, i) => [w, i < 19 ? i + 1 : (i - 17) * 10]));
const SCALE_VALUES = new Map<string, number>([
  ['hundred', 100], ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12], ['dozen', 12],
  ['k', 1e3], ['m', 1e6], ['mn', 1e6], ['bn', 1e9], ['b', 1e9], ['tn', 1e12], ['trn', 1e12],
]);
/** "hundreds of": the least a plural of the scale can mean. */
const PLURAL_SCALES = new Map<string, number>([
  ['tens', 10], ['dozens', 12], ['scores', 20], ['hundreds', 100], ['thousands', 1e3], ['millions', 1e6], ['billions', 1e9],
]);
const CURRENCIES = new Map([['$', 'USD'], ['€', 'EUR'], ['£', 'GBP'], ['¥', 'JPY'], ['₽', 'RUB'], ['₹', 'INR']]);
const FRACTION_VALUES = new Map([['half', 0.5], ['quarter', 0.25], ['third', 1 / 3]]);

/** The hedges that bound the value from below or above; the others soften it. */
export const LOWER: ReadonlySet<string> = new Set(['more than', 'over', 'at least', 'in excess of', 'well in excess of', 'upwards of', 'above', 'just over', 'well over', 'no fewer than', 'no less than']);
export const UPPER: ReadonlySet<string> = new Set(['as many as', 'as much as', 'up to', 'at most', 'fewer than', 'less than', 'under', 'below', 'just under', 'no more than']);
const HEDGES = [...APPROX.map((a) => a.join(' ')), 'no fewer than', 'no less than', 'no more than', 'a little over', 'a little under']
  .filter((h) => h !== 'from' && h !== 'between')
  .sort((a, b) => b.split(' ').length - a.split(' ').length)
  .map((h) => ({ h, words: h.split(' ') }));

/** A number at token i, digits or words: its value and the token after it. */
function numberAt(ts: readonly Tok[], i: number): { value: number; next: number } | undefined {
  const t = ts[i];
  if (!t) return undefined;
  let j = i;
  let total = 0;
  let current: number;
  if (t.num) {
    current = Number(t.low.replace(/,/g, ''));
    j++;
  } else if ((t.low === 'a' || t.low === 'an') && ts[i + 1] && (SCALE_VALUES.has(ts[i + 1]!.low) || FRACTION_VALUES.has(ts[i + 1]!.low))) {
    current = 1;
    j++;
  } else if (FRACTION_VALUES.has(t.low) && ts[i + 1]?.low === 'a') {
    current = FRACTION_VALUES.get(t.low)!;
    j += 2;
  } else {
    const parts = t.low.split('-');
    if (!parts.every((p) => SMALL_VALUES.has(p))) return undefined;
    current = parts.reduce((sum, p) => sum + SMALL_VALUES.get(p)!, 0);
    j++;
  }
  for (;;) {
    const w = ts[j];
    if (!w) break;
    const scale = SCALE_VALUES.get(w.low);
    // "4.5bn" and "4.5 m" are scales, but a lone "b" or "m" after words is not.
    if (scale !== undefined && (w.low.length > 2 || w.low === 'k' || ts[j - 1]!.num)) {
      if (scale === 100 || scale === 12) current *= scale;
      else {
        total += current * scale;
        current = 0;
      }
      j++;
      continue;
    }
    const v = ts[j + 1];
    if (w.low === 'and' && ts[j - 1]?.low === 'hundred' && v && SMALL_VALUES.has(v.low.split('-')[0]!)) {
      current += v.low.split('-').reduce((sum, p) => sum + (SMALL_VALUES.get(p) ?? 0), 0);
      j += 2;
      continue;
    }
    if (!t.num && SMALL_VALUES.has(w.low) && SMALL_VALUES.get(ts[j - 1]!.low) !== undefined && SMALL_VALUES.get(ts[j - 1]!.low)! >= 20) {
      current += SMALL_VALUES.get(w.low)!; // "twenty five"
      j++;
      continue;
    }
    break;
  }
  return { value: Math.round((total + current) * 1e6) / 1e6, next: j };
}

/** "%", "percent", "per cent", "percentage points" after the number; returns the token after. */
function percentEnd(ts: readonly Tok[], j: number): number {
  const w = ts[j]?.low;
  if (w === '%' || w === 'pc') return ts[j + 1]?.low === 'points' ? j + 2 : j + 1;
  if (w === 'percent') return ts[j + 1]?.low === 'points' ? j + 2 : j + 1;
  if (w === 'per' && ts[j + 1]?.low === 'cent') return j + 2;
  if (w === 'percentage' && ts[j + 1]?.low === 'points') return j + 2;
  return j;
}

function hedgeAt(ts: readonly Tok[], i: number): { hedge: string; next: number } | undefined {
  for (const { h, words } of HEDGES) {
    if (words.every((w, k) => ts[i + k]?.low === w)) return { hedge: h, next: i + words.length };
  }
  return undefined;
}

/** A stated amount with its unit: currency sign before, percent after. */
function amountAt(ts: readonly Tok[], i: number): { value: number; next: number; unit?: string } | undefined {
  const currency = CURRENCIES.get(ts[i]?.low ?? '');
  const n = numberAt(ts, currency ? i + 1 : i);
  if (!n) return undefined;
  const end = percentEnd(ts, n.next);
  const unit = end > n.next ? 'percent' : currency;
  return { value: n.value, next: end, ...(unit ? { unit } : {}) };
}

/**
 * The first quantity in the text (a tag's text, usually); `before` is the text just before it
 * in the article, where a hedge left out of the tag ("nearly [1,400 troops]") still counts.
 */
export function parseQuantity(text: string, before = ''): Quantity | undefined {
  const ts = tokens(text);
  const rangeBefore = /\b(somewhere between|between|from)\s*$/i.exec(before)?.[1]?.toLowerCase();
  for (let i = 0; i < ts.length; i++) {
    const q = quantityAt(ts, i, i === 0 ? rangeBefore : undefined);
    if (!q) continue;
    if (q.hedge !== null) return q;
    const outside = hedgeBeforeText(before);
    return outside ? withHedge(q, outside) : q;
  }
  return undefined;
}

function withHedge(q: Quantity, hedge: string): Quantity {
  if (q.value === undefined) return q;
  if (LOWER.has(hedge)) return { min: q.value, hedge, end: q.end, ...(q.unit ? { unit: q.unit } : {}) };
  if (UPPER.has(hedge)) return { max: q.value, hedge, end: q.end, ...(q.unit ? { unit: q.unit } : {}) };
  return { ...q, hedge };
}

/** The hedge that ends the text, if any ("… the ministry put the toll at nearly"). */
export function hedgeBeforeText(before: string): string | undefined {
  const ts = tokens(before.slice(-40));
  for (const { h, words } of HEDGES) {
    const from = ts.length - words.length;
    if (from >= 0 && words.every((w, k) => ts[from + k]!.low === w)) return h;
  }
  return undefined;
}

function quantityAt(ts: readonly Tok[], i: number, rangeBefore?: string): Quantity | undefined {
  const t = ts[i]!;
  const end = (k: number): number => ts[k - 1]!.e;
  // "hundreds of", "tens of thousands of": open ranges.
  if (PLURAL_SCALES.has(t.low) && ts[i + 1]?.low === 'of') {
    let least = 2 * PLURAL_SCALES.get(t.low)!;
    let j = i + 2;
    let words = `${t.low} of`;
    while (PLURAL_SCALES.has(ts[j]?.low ?? '') && ts[j + 1]?.low === 'of') {
      least *= PLURAL_SCALES.get(ts[j]!.low)!;
      words += ` ${ts[j]!.low} of`;
      j += 2;
    }
    return { min: least, hedge: words, end: end(j) };
  }
  const h = hedgeAt(ts, i);
  const rangeWord = rangeBefore ?? (t.low === 'between' || t.low === 'from' ? t.low : ts[i]?.low === 'somewhere' && ts[i + 1]?.low === 'between' ? 'somewhere between' : undefined);
  const at = h ? h.next : rangeWord && !rangeBefore ? i + rangeWord.split(' ').length : i;
  const first = amountAt(ts, at);
  if (!first) return undefined;
  const link = ts[first.next];
  const linked = link && ['to', 'and', 'or', '-', '–', '—'].includes(link.low) && (link.low !== 'and' || rangeWord !== undefined);
  const second = linked ? amountAt(ts, first.next + 1) : undefined;
  if (second) {
    // "40 to 65 million": the first takes the second's scale when it has none of its own.
    const scaleOf = (v: number): number => (v >= 1e12 ? 1e12 : v >= 1e9 ? 1e9 : v >= 1e6 ? 1e6 : v >= 1e3 ? 1e3 : 1);
    const lo = first.value < second.value / 1000 && Number.isInteger(first.value) && first.value < 1000 ? first.value * scaleOf(second.value) : first.value;
    const unit = second.unit ?? first.unit;
    return { min: Math.min(lo, second.value), max: Math.max(lo, second.value), hedge: rangeWord ?? h?.hedge ?? null, end: end(second.next), ...(unit ? { unit } : {}) };
  }
  if (rangeWord && !h) return undefined; // "from 2019": not a range, not a figure
  const q: Quantity = { value: first.value, hedge: null, end: end(first.next), ...(first.unit ? { unit: first.unit } : {}) };
  return h ? withHedge(q, h.hedge) : q;
}

/** The interval of values a figure allows, for comparing it with another. */
export function allowedInterval(q: Pick<Quantity, 'value' | 'min' | 'max' | 'hedge'>): { lo: number; hi: number } {
  if (q.value !== undefined) {
    const h = q.hedge ?? '';
    if (h === 'nearly' || h === 'almost' || h === 'just under' || h === 'close to') return { lo: q.value * 0.85, hi: q.value };
    if (h === '' || h === 'only' || h === 'exactly' || h === 'precisely') return { lo: q.value, hi: q.value };
    return { lo: q.value * 0.9, hi: q.value * 1.1 }; // about, around, roughly, an estimated …
  }
  return { lo: q.min ?? 0, hi: q.max ?? Infinity };
}
