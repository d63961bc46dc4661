/**
 * Editorial framing: the writer's own colouring, so words inside quotations of three or more
 * words (the source's words) are left alone. Evaluative adverbs (with the adjective they
 * intensify), loaded labels, evaluative adjectives (with the noun they modify), all-caps
 * verbs amid mixed-case text, scare quotes around an evaluative word, and exclamations.
 */
import { PUNCT, WORD, contextFor, type TextContext, type Token } from './context';
import { finder, firstWords, lexMatches, outsideQuotes, singleWords, type LexMatch } from './lexmatch';
import { FUNCTION_WORDS, LOWER, adjacent, isCapitalised, makeSuggestion, q, quoteAt, sentenceAt, tokenAt, tokenIndexAt, type Span } from './spans';
import type { Lexicons, Suggester, Suggestion } from './types';

const ADJECTIVE_LIKE = /(?:ive|ful|ous|able|ible|al|ic|ent|ant|less|ary)$/;
const CAPS_VERB = /^\p{Lu}{2,}(?:S|ED|ING)$/u;
const NOT_A_VERB = /(?:AS|IS|US|OS|SS)$/;
const MAX_EXCLAMATION_WORDS = 15;

/** The word right after match `m`, if it can be the word `m` modifies. */
function modified(ctx: TextContext, m: LexMatch): Token | undefined {
  const next = tokenAt(ctx, m.tj);
  if (next.kind !== WORD || FUNCTION_WORDS.has(next.low) || !adjacent(ctx, tokenAt(ctx, m.tj - 1), next)) return undefined;
  return next;
}

function isShouted(ctx: TextContext, t: Token, lines: Map<number, boolean>): boolean {
  const second = ctx.text[t.s + 1] as string;
  if (second === second.toLowerCase()) return false;
  const raw = ctx.text.slice(t.s, t.e);
  if (raw.length < 3 || raw !== raw.toUpperCase() || raw === raw.toLowerCase()) return false;
  const lineStart = ctx.text.lastIndexOf('\n', t.s) + 1;
  let mixed = lines.get(lineStart);
  if (mixed === undefined) {
    const nl = ctx.text.indexOf('\n', t.s);
    mixed = LOWER.test(ctx.text.slice(lineStart, nl < 0 ? undefined : nl));
    lines.set(lineStart, mixed);
  }
  return mixed;
}

export const framingSuggester: Suggester = {
  category: 'framing',
  suggest(text: string, lexicons: Lexicons): Suggestion[] {
    const ctx = contextFor(text);
    const spans: Span[] = [];
    const sourceWords = (pos: number): boolean => {
      const quote = quoteAt(ctx, pos);
      return quote !== undefined && quote.words >= 3 && quote.open < pos && pos < quote.close;
    };
    const adjectives = firstWords(lexicons.evaluativeAdjectives);

    for (const m of lexMatches(ctx, lexicons, 'intensifiers')) {
      if (sourceWords(m.s)) continue;
      const next = modified(ctx, m);
      // "extraordinarily revealing interview", but not "desperately trying to"
      const participle = next && /ing$/.test(next.low) && modified(ctx, { ...m, tj: m.tj + 1 }) !== undefined;
      const withAdj = next && (adjectives.has(next.low) || ADJECTIVE_LIKE.test(next.low) || participle);
      spans.push({ s: m.s, e: withAdj ? next.e : m.e, reason: `evaluative adverb ${q(m.text)}${withAdj ? ' with the word it intensifies' : ''}` });
    }
    for (const m of lexMatches(ctx, lexicons, 'loadedLabels')) {
      if (sourceWords(m.s)) continue;
      let e = m.e;
      if (m.text.toLowerCase() === 'so-called') {
        const next = tokenAt(ctx, m.tj);
        const quote = ctx.quoteByOpen.get(next.s);
        if (quote) e = quote.close + 1;
        else if (next.kind === WORD && adjacent(ctx, tokenAt(ctx, m.ti), next)) e = next.e;
      }
      spans.push({ s: m.s, e, reason: `loaded label ${q(m.text)}` });
    }
    for (const m of lexMatches(ctx, lexicons, 'evaluativeAdjectives')) {
      if (sourceWords(m.s)) continue;
      const noun = modified(ctx, m);
      spans.push({ s: m.s, e: noun?.e ?? m.e, reason: `evaluative adjective ${q(m.text)}${noun ? ' with its noun' : ''}` });
    }

    // All-caps verbs (ADMITS, SLAMS) and all-caps lexicon words amid mixed-case text.
    const loud = [lexicons.denials, lexicons.speechVerbs].map(singleWords); // evaluative words have their own rules
    const rated = [lexicons.intensifiers, lexicons.loadedLabels, lexicons.evaluativeAdjectives].map(singleWords);
    const lines = new Map<number, boolean>();
    for (const t of ctx.tokens) {
      if (t.kind !== WORD || t.e - t.s < 3 || !isShouted(ctx, t, lines) || sourceWords(t.s)) continue;
      const raw = text.slice(t.s, t.e);
      const verbLike = raw.length >= 5 && CAPS_VERB.test(raw) && !NOT_A_VERB.test(raw);
      if (rated.some((words) => words.has(t.low))) continue;
      if (verbLike || loud.some((words) => words.has(t.low))) spans.push({ s: t.s, e: t.e, reason: `all-caps ${q(raw)} for emphasis` });
    }

    // Scare quotes: one or two words, evaluative, or a lone lower-case word nobody is said to have said.
    const speech = outsideQuotes(ctx, lexicons, 'speechVerbs');
    const denials = firstWords(lexicons.denials);
    const evaluative = (['intensifiers', 'loadedLabels', 'evaluativeAdjectives'] as const).map((key) => finder(lexMatches(ctx, lexicons, key)));
    for (const quote of ctx.quotes) {
      if (quote.words < 1 || quote.words > 2) continue;
      const inner = ctx.tokens.slice(tokenIndexAt(ctx, quote.open + 1), tokenIndexAt(ctx, quote.close)).filter((t) => t.kind !== PUNCT);
      const evaluated = evaluative.some((find) => find(quote.open, quote.close));
      const [ss, se] = sentenceAt(ctx, quote.open);
      const word = inner[0];
      const lone =
        word !== undefined && quote.words === 1 && !denials.has(word.low) && !isCapitalised(ctx, word) && !speech.find(ss, se);
      if (evaluated || lone) spans.push({ s: quote.open, e: quote.close + 1, reason: `scare quotes around ${q(text.slice(quote.open + 1, quote.close))}` });
    }

    // Exclamations in the writer's voice.
    const exclaimed = new Set<number>();
    for (const m of text.matchAll(/!+/g)) {
      if (quoteAt(ctx, m.index)) continue;
      const [s, e] = sentenceAt(ctx, m.index);
      if (exclaimed.has(s)) continue;
      exclaimed.add(s);
      const words = tokenIndexAt(ctx, e) - tokenIndexAt(ctx, s);
      if (words <= MAX_EXCLAMATION_WORDS) spans.push({ s, e, reason: 'exclamation' });
    }

    const out: Suggestion[] = [];
    for (const sp of spans) {
      const s = makeSuggestion(ctx, 'framing', sp.s, sp.e, sp.reason);
      if (s) out.push(s);
    }
    return out;
  },
};
