import type { CategoryId } from '../codebook';

/** A span a rule thinks deserves a tag, with the rule's reason in plain words. */
export interface Suggestion {
  readonly category: CategoryId;
  /** Code points over the LF article text, end exclusive (the sidecar's unit). */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Why, for the analyst: e.g. `number with a unit ("1,351 troops")`, `denial verb "dismissed"`. */
  readonly reason: string;
}

/** Word lists the rules use; the user can extend each through settings. */
export interface Lexicons {
  /** Verbs of saying that attribute speech: said, told, claimed, admitted, … */
  readonly speechVerbs: readonly string[];
  /** Denial and rejection words and phrases: deny, reject, dismiss, "not true", "fake", … */
  readonly denials: readonly string[];
  /** Loaded labels: mouthpiece, propaganda, regime, … */
  readonly loadedLabels: readonly string[];
  /** Evaluative adjectives: stunning, remarkable, horrific, … */
  readonly evaluativeAdjectives: readonly string[];
  /** Intensifiers and evaluative adverbs: extraordinarily, valiantly, … */
  readonly intensifiers: readonly string[];
  /** Written numbers and quantity words: two, dozen, hundreds, million, … */
  readonly numberWords: readonly string[];
}

/** One rule family, one category. Pure: text in, suggestions out. */
export interface Suggester {
  readonly category: CategoryId;
  suggest(text: string, lexicons: Lexicons): Suggestion[];
}
