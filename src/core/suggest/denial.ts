/**
 * Denials: a denial verb with the clause it governs ("dismissed claims of … as ‘fake’"), a
 * denial noun with its complement ("denial of the report"), a quoted sentence that denies
 * ("“That is not true,”"), and a denial word outside a quotation with its clause.
 */
import { WORD, contextFor, type Quote, type TextContext } from './context';
import { firstWords, lexMatches, type LexMatch } from './lexmatch';
import {
  clauseEnd,
  clauseStart,
  coverage,
  makeSuggestion,
  PAST_TENSE,
  q,
  quoteAt,
  sentenceAt,
  tokenAt,
  tokenIndexAt,
  type StopAt,
  wordSet,
  type Span,
} from './spans';
import type { Lexicons, Suggester, Suggestion } from './types';


const VERB =
  /^(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refus(?:e|es|ed|ing)|refut(?:e|es|ed|ing)|rebut(?:s|ted|ting)?|rebuff(?:s|ed|ing)?|repudiat(?:e|es|ed|ing)|disavow(?:s|ed|ing)?|disown(?:s|ed|ing)?|brush(?:es|ed|ing)?|push(?:es|ed|ing)?|play(?:s|ed|ing)?|shrug(?:s|ged|ging)?|wav(?:e|es|ed|ing)|contradict(?:s|ed|ing)?)$/;
const NOUN = /^(?:denial|rejection|dismissal|refusal|refutation|rebuttal|repudiation)s?$/;
const ADVERBS = wordSet('categorically flatly firmly strongly vehemently emphatically angrily swiftly repeatedly also publicly roundly again');
const STARTERS = wordSet('and but or while whereas where which who whom whose when because although though as so yet however he she they it we i you according amid despite unless if until');
const BREAKERS = wordSet('but yet while whereas although though because unless');
const MAX_WORDS = 25;


/** The quoted sentence around a denial word; the whole quotation, marks included, when it is one sentence. */
function quotedSentence(ctx: TextContext, quote: Quote, m: LexMatch): Span | undefined {
  const { text } = ctx;
  const [ss, se] = sentenceAt(ctx, m.s);
  let s = Math.max(ss, quote.open + 1);
  let e = Math.min(se, quote.close);
  if (text.slice(quote.open + 1, s).trim() === '' && /^[\s.,;:!?…]*$/.test(text.slice(e, quote.close))) {
    s = quote.open;
    e = quote.close + 1;
  }
  if (/\?$/.test(text.slice(s, e).replace(/["“”‘’'\s,]+$/, ''))) return undefined; // a question is not a denial
  return { s, e, reason: `quoted denial (${q(m.text)})` };
}

export const denialSuggester: Suggester = {
  category: 'denial',
  suggest(text: string, lexicons: Lexicons): Suggestion[] {
    const ctx = contextFor(text);
    const speech = firstWords(lexicons.speechVerbs);
    const stop: StopAt = (k) => {
      const t = tokenAt(ctx, k);
      const next = tokenAt(ctx, k + 1);
      if (t.low === ',') {
        // ", when …", ", claiming …", ", the spokesman said"
        return STARTERS.has(next.low) || /ing$/.test(next.low) || [1, 2, 3].some((d) => speech.has(tokenAt(ctx, k + d).low));
      }
      if (t.kind !== WORD) return false;
      if (BREAKERS.has(t.low)) return true;
      return (t.low === 'and' || t.low === 'or') && (PAST_TENSE.test(next.low) || speech.has(next.low) || VERB.test(next.low));
    };
    const backStop: StopAt = (k) => {
      const t = tokenAt(ctx, k);
      const next = tokenAt(ctx, k + 1);
      return BREAKERS.has(t.low) || ((t.low === 'and' || t.low === 'or') && PAST_TENSE.test(next.low));
    };

    const verbs: Span[] = [];
    const quoted: Span[] = [];
    const weak: { span: Span; at: number }[] = [];
    const seen = new Set<string>();
    for (const m of lexMatches(ctx, lexicons, 'denials')) {
      const quote = quoteAt(ctx, m.s);
      if (quote && quote.words >= 3 && quote.open < m.s) {
        const span = quotedSentence(ctx, quote, m);
        const key = span && `${span.s}:${span.e}`;
        if (span && key && !seen.has(key)) {
          seen.add(key);
          quoted.push(span);
        }
        continue;
      }
      const first = tokenAt(ctx, m.ti);
      if (VERB.test(first.low)) {
        let ti = m.ti;
        while (ADVERBS.has(tokenAt(ctx, ti - 1).low)) ti--;
        const e = clauseEnd(ctx, m.tj, m.e, MAX_WORDS, stop);
        verbs.push({ s: tokenAt(ctx, ti).s, e, reason: `denial verb ${q(m.text)} and its clause` });
      } else if (NOUN.test(first.low)) {
        const next = tokenAt(ctx, m.tj).low;
        if (next !== 'of' && next !== 'that') continue;
        verbs.push({ s: m.s, e: clauseEnd(ctx, m.tj, m.e, MAX_WORDS, stop), reason: `denial noun ${q(m.text)} and its complement` });
      } else if (quote && quote.open < m.s) {
        const s = clauseStart(ctx, tokenIndexAt(ctx, quote.open), MAX_WORDS, backStop);
        weak.push({ span: { s, e: quote.close + 1, reason: `denial word ${q(m.text)}, quoted, with its clause` }, at: m.s });
      } else {
        const s = clauseStart(ctx, m.ti, MAX_WORDS, backStop);
        const e = clauseEnd(ctx, m.tj, m.e, MAX_WORDS, stop);
        weak.push({ span: { s, e, reason: `denial word ${q(m.text)} in its clause` }, at: m.s });
      }
    }

    // A denial word or quotation inside a verb's clause is already covered; overlapping weak spans merge.
    const covers = coverage(verbs);
    const strong = [...verbs, ...quoted.filter((sp) => !covers(sp.s, sp.e))];
    const merged: Span[] = [];
    for (const { span, at } of weak) {
      if (covers(at, at + 1)) continue;
      const prev = merged[merged.length - 1];
      if (prev && span.s < prev.e) merged[merged.length - 1] = { ...prev, e: Math.max(prev.e, span.e) };
      else merged.push(span);
    }
    const out: Suggestion[] = [];
    for (const sp of [...strong, ...merged]) {
      const s = makeSuggestion(ctx, 'denial', sp.s, sp.e, sp.reason);
      if (s) out.push(s);
    }
    return out;
  },
};
