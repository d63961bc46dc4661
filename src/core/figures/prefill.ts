/**
 * What Edit Attributes offers for a figure before the analyst types: the value, unit and
 * comparator the tag's own text states ("3,835 wounded" → 3835, wounded), in the sidecar's
 * conventional keys (docs/sidecar-format.md). Only what the text says plainly: a range or an
 * open plural ("hundreds of") has no single value to offer.
 */
import { LOWER, UPPER, parseQuantity } from './quantity';

export interface FigurePrefill {
  readonly value?: number;
  readonly unit?: string;
  /** ">" at least, "<" at most, "~" about; absent when the figure is stated flat. */
  readonly comparator?: '>' | '<' | '~';
}

/** Words after a number that are not what it counts ("12 of the crew", "40 were hurt"). */
const NOT_A_UNIT = new Set([
  'of', 'and', 'or', 'to', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'as', 'than', 'per', 'the', 'a', 'an',
  'were', 'was', 'are', 'is', 'had', 'have', 'has', 'will', 'would', 'could', 'may', 'might', 'more', 'less', 'fewer',
]);

/**
 * `before` is the article text just before the tag, where a hedge left out of the span
 * ("nearly [1,400 troops]") still counts, as it does for the figures ledger.
 */
export function figureAttributesFromText(text: string, before = ''): FigurePrefill {
  // "3 835" with a no-break, narrow no-break or thin space between digit groups is one number.
  // Same length, so offsets into the text stay valid.
  const grouped = joinDigitGroups(text);
  const q = parseQuantity(grouped, joinDigitGroups(before));
  if (!q) return {};
  const unit = q.unit ?? unitAfter(grouped.slice(q.end));
  const out: { value?: number; unit?: string; comparator?: FigurePrefill['comparator'] } = {};
  const hedge = q.hedge ?? '';
  if (q.value !== undefined) {
    out.value = q.value;
    if (hedge !== '' && !['only', 'exactly', 'precisely'].includes(hedge)) out.comparator = '~';
  } else if (LOWER.has(hedge) && q.min !== undefined) {
    out.value = q.min;
    out.comparator = '>';
  } else if (UPPER.has(hedge) && q.max !== undefined) {
    out.value = q.max;
    out.comparator = '<';
  }
  if (unit !== undefined) out.unit = unit;
  return out;
}

/** The word right after the number, when it names what is counted. */
function unitAfter(rest: string): string | undefined {
  const word = /^\s*(\p{L}+(?:[-'’]\p{L}+)*)/u.exec(rest)?.[1];
  return word !== undefined && !NOT_A_UNIT.has(word.toLowerCase()) ? word : undefined;
}

function joinDigitGroups(text: string): string {
  return text.replace(/(?<=\d)[\u00a0\u202f\u2009](?=\d{3}(?!\d))/g, ',');
}
