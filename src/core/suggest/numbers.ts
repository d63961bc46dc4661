/**
 * Which number tokens can be figures: not dates, times, years in date position, ordinals,
 * decades, identifiers, phone numbers, labels ("page 12", "Channel 4") or parts of links.
 */
import { WORD, type TextContext, type Token } from './context';
import { FUNCTION_WORDS, adjacent, isCapitalised, tokenAt, wordSet as set } from './spans';

const MONTHS = set('january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec');
const UNITS = set('bn b m mn k tn trn km kg g mi ft cm mm kmh mph ha t kt mw gw kw kwh lb lbs oz gb mb tb x');
const CLOCK = set('am pm gmt utc bst cet cest est edt pst pdt msk');
const LABELS = set('page pages p pp no nos number room chapter section article paragraph clause line channel route flight platform gate episode season version v vol volume issue item exhibit fig table tel phone fax ext code id ref');
const BEFORE_YEAR = set('in since from by until till of to between and during before after early late mid year the this that summer winter spring autumn fall circa , ’s \'s');
export const EVENT_NOUNS = set('elections olympics games polls midterms talks accords protests sanctions riots');
export const SCALES = set('hundred hundreds thousand thousands million millions billion billions trillion trillions dozen dozens');
export const OF_OK = set('tens dozens scores hundreds thousands millions billions trillions half third thirds quarter quarters');
export const SMALL = set('one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety');
export const FRACTIONS = set('half third thirds quarter quarters');
export const WEEKDAYS = set('monday tuesday wednesday thursday friday saturday sunday');
export const TIME_UNITS = set('second seconds minute minutes hour hours day days week weeks month months year years decade decades');
export const CURRENCY = set('$ € £ ¥ ₽ ₹');
export const DETS = set('the their its his her our these those all');
export const APPROX = [
  'as many as', 'as few as', 'as much as', 'more than', 'fewer than', 'less than', 'up to', 'at least', 'at most',
  'nearly', 'almost', 'around', 'about', 'some', 'well in excess of', 'in excess of', 'roughly', 'approximately',
  'an estimated', 'estimated', 'close to', 'over', 'under', 'just over', 'just under', 'well over', 'upwards of',
  'above', 'below', 'only', 'exactly', 'precisely', 'circa', 'somewhere between', 'between', 'from',
]
  .map((p) => p.split(' '))
  .sort((a, b) => b.length - a.length);
export const RANGE_ONLY = set('between from');
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d{2,5}(?:[ .-]\d{2,5}){2,}/g;
const LINKISH = /:\/\/|www\.|[@#/=&+]|\.(?:com|org|net|gov|edu|co|io|ly|ru|uk)\b|\d{4}-\d{1,2}-\d{1,2}/;

export const isMonth = (ctx: TextContext, t: Token): boolean =>
  t.kind === WORD && MONTHS.has(t.low) && isCapitalised(ctx, t);

const APPROX_WORDS = new Set(APPROX.filter((a) => a.length === 1).map((a) => a[0]));
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** A number not set off by spaces or ordinary punctuation may sit in a link, handle or ISO date. */
function glued(text: string, t: Token): boolean {
  return (t.s > 0 && !/[\s([{"“‘'$€£¥₽₹~≈]/.test(text[t.s - 1] as string)) || (t.e < text.length && !/[\s.,;:!?)\]}%”’"'–—]/.test(text[t.e] as string));
}

/** Another digit group right before or after: a phone number is possible. */
function digitNearby(text: string, t: Token): boolean {
  return (/[ .\-)]/.test(text[t.e] ?? '') && isDigit(text[t.e + 1])) || (/[ .\-(]/.test(text[t.s - 1] ?? '') && isDigit(text[t.s - 2]));
}

/** The whitespace-delimited chunk around a token: links, handles, ISO dates live there. */
function chunkAround(ctx: TextContext, t: Token): string {
  const { text } = ctx;
  let a = t.s;
  let b = t.e;
  while (a > 0 && t.s - a < 100 && !/\s/.test(text[a - 1] as string)) a--;
  while (b < text.length && b - t.e < 100 && !/\s/.test(text[b] as string)) b++;
  return text.slice(a, b);
}

function isPhoneLike(ctx: TextContext, t: Token): boolean {
  const from = Math.max(0, t.s - 20);
  for (const m of ctx.text.slice(from, t.e + 20).matchAll(PHONE)) {
    if (from + m.index <= t.s && from + m.index + m[0].length >= t.e) return true;
  }
  return false;
}

/** 'number', 'year' (decided later, with its context), or undefined when not a figure. */
export function numberKind(ctx: TextContext, k: number): 'number' | 'year' | undefined {
  const t = tokenAt(ctx, k);
  let cut = 0;
  while (cut < t.low.length && t.low.charCodeAt(cut) >= 44 && t.low.charCodeAt(cut) <= 58) cut++; // digits , . / :
  const numeric = t.low.slice(0, cut);
  const suffix = t.low.slice(cut).toLowerCase();
  if (suffix && (/\d/.test(suffix) || !UNITS.has(suffix))) return undefined; // 7th, 1990s, 3pm, ids
  if (/[:/]|\..*\./.test(numeric)) return undefined; // 22:41, 7/4, 1.2.3
  if (numeric.includes(',') && !/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(numeric)) return undefined;
  if (/^\d{7,}$/.test(numeric) || (glued(ctx.text, t) && LINKISH.test(chunkAround(ctx, t)))) return undefined;
  let p = tokenAt(ctx, k - 1);
  if (p.low === '.' && p.s > 0) p = tokenAt(ctx, k - 2); // "Feb. 24", "No. 10"
  const next = tokenAt(ctx, k + 1);
  if (isMonth(ctx, p) || (isMonth(ctx, next) && adjacent(ctx, t, next))) return undefined; // dates
  if (next.kind === WORD && CLOCK.has(next.low) && adjacent(ctx, t, next)) return undefined;
  if (p.kind === WORD && LABELS.has(p.low)) return undefined;
  const nameBefore = isCapitalised(ctx, p) && p.e + 1 >= t.s && !APPROX_WORDS.has(p.low);
  if (nameBefore && (next.kind !== WORD || isCapitalised(ctx, next) || FUNCTION_WORDS.has(next.low))) return undefined; // "Channel 4"
  if (digitNearby(ctx.text, t) && isPhoneLike(ctx, t)) return undefined;
  const value = Number(numeric);
  if (/^\d{4}$/.test(numeric) && !suffix && value >= 1800 && value <= 2100) {
    return BEFORE_YEAR.has(tokenAt(ctx, k - 1).low) ? undefined : 'year';
  }
  return 'number';
}
