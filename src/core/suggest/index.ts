/**
 * Rule-based tag suggestions: four suggesters (claim, denial, figure, framing) over one text,
 * merged, sorted, without duplicates, without what the analyst already tagged or rejected.
 */
import type { CategoryId } from '../codebook';
import { claimSuggester } from './claim';
import { denialSuggester } from './denial';
import { figureSuggester } from './figure';
import { framingSuggester } from './framing';
import { DEFAULT_LEXICONS, mergeLexicons } from './lexicons';
import type { Lexicons, Suggester, Suggestion } from './types';

export { claimSuggester, denialSuggester, figureSuggester, framingSuggester };
export { DEFAULT_LEXICONS, mergeLexicons };
export { reasonText } from './reasonText';
export type { Lexicons, Suggester, Suggestion };

export const SUGGESTERS: readonly Suggester[] = [claimSuggester, denialSuggester, figureSuggester, framingSuggester];

export interface SuggestOptions {
  /** The user's words, added to the default lists. */
  readonly lexicons?: Partial<Lexicons>;
  /** Tags already in the sidecar: a suggestion with the same category and span is dropped. */
  readonly existing?: readonly { readonly category: CategoryId; readonly start: number; readonly end: number }[];
  /** Rejected suggestions: dropped when category, start and text match. */
  readonly rejected?: readonly { readonly category: CategoryId; readonly start: number; readonly end: number; readonly text: string }[];
}

/** Merged lexicons per user-additions object, so compiled word lists are reused across calls. */
const merged = new WeakMap<Partial<Lexicons>, Lexicons>();

function lexiconsFor(extra: Partial<Lexicons> | undefined): Lexicons {
  if (!extra) return DEFAULT_LEXICONS;
  let lex = merged.get(extra);
  if (!lex) {
    lex = mergeLexicons(DEFAULT_LEXICONS, extra);
    merged.set(extra, lex);
  }
  return lex;
}

/** Suggestions over `text` (LF text; offsets in code points), sorted by start then end. */
export function suggestTags(text: string, options: SuggestOptions = {}): Suggestion[] {
  const lexicons = lexiconsFor(options.lexicons);
  const taken = new Set<string>();
  for (const t of options.existing ?? []) taken.add(`${t.category}\u0000${t.start}\u0000${t.end}`);
  const refused = new Set<string>();
  for (const r of options.rejected ?? []) refused.add(`${r.category}\u0000${r.start}\u0000${r.text}`);

  const all = SUGGESTERS.flatMap((s) => s.suggest(text, lexicons));
  all.sort((a, b) => a.start - b.start || a.end - b.end || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
  const filter = taken.size > 0 || refused.size > 0;
  const out: Suggestion[] = [];
  let prev: Suggestion | undefined;
  for (const s of all) {
    // Sorted: an exact duplicate (same category and span) sits right after its twin.
    if (prev && prev.start === s.start && prev.end === s.end && prev.category === s.category) continue;
    prev = s;
    if (filter && (taken.has(`${s.category}\u0000${s.start}\u0000${s.end}`) || refused.has(`${s.category}\u0000${s.start}\u0000${s.text}`))) continue;
    out.push(s);
  }
  return out;
}
