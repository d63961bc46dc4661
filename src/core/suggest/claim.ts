/**
 * Claims: reported speech. A quotation of three or more words attributed by a speech verb in
 * its sentence (or in the attribution just before it) → the text inside the marks; a clause
 * reported by a speech verb ("said that …", "insisted Russians were …") → the clause; and
 * "according to X, …" / "…, according to X" → the main clause.
 */
import { PUNCT, WORD, contextFor, type Quote, type TextContext } from './context';
import { firstWords, outsideQuotes, type Finder, type LexMatch } from './lexmatch';
import {
  clauseEnd,
  coverage,
  isCapitalised,
  makeSuggestion,
  q,
  sentenceAt,
  tokenAt,
  tokenIndexAt,
  trimSpan,
  type StopAt,
  wordSet,
  type Span,
} from './spans';
import type { Lexicons, Suggester, Suggestion } from './types';

const SAY_CLASS =
  /^(?:say|says|said|saying|claim(?:s|ed|ing)?|insist(?:s|ed|ing)?|argu(?:e|es|ed|ing)|add(?:s|ed|ing)|warn(?:s|ed|ing)|admit(?:s|ted|ting)|acknowledg(?:e|es|ed|ing)|conced(?:e|es|ed|ing)|maintain(?:s|ed|ing)?|stated|asserted|alleged|contended|suggested|estimat(?:ed|ing))$/;
const SUBJECTS = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'you', 'there', 'this', 'these', 'those']);
const CONTRAST = new Set(['but', 'while', 'whereas', 'although', 'though']);
const MAX_WORDS = 50;
/** "it's" → "it". */
const CONTRACTION = /'[a-z]+$/;
/** Words that cannot stand between a speech verb and its "that" ("said … and admitted that"). */
const NOT_BEFORE_THAT = wordSet('and but or was were is are be been had have has will would could should can may might must do did does');

/** True when a closing quote mark sits just before the verb: "“…,” he said" is attribution only. */
function followsQuote(ctx: TextContext, m: LexMatch): boolean {
  const [ss] = sentenceAt(ctx, m.s);
  for (let j = m.ti - 1; j >= m.ti - 4; j--) {
    const t = tokenAt(ctx, j);
    if (t.s < ss) return false;
    if (t.kind === PUNCT && ctx.quoteByClose.has(t.s)) return true;
    if (t.kind === PUNCT && t.low !== ',') return false;
  }
  return false;
}

/** "said Putin was …": up to three capitalised words, then a lower-case word (not a Title Case headline). */
function nameThenVerb(ctx: TextContext, k: number): boolean {
  let j = k;
  while (j < k + 3 && isCapitalised(ctx, tokenAt(ctx, j))) j++;
  const after = tokenAt(ctx, j);
  return j > k && after.kind === WORD && !isCapitalised(ctx, after);
}

/** The clause a speech verb reports: after "that" (within a few words) or a subject right after it. */
function reportedClause(ctx: TextContext, m: LexMatch, speech: ReadonlySet<string>, stop: StopAt): Span | undefined {
  if (followsQuote(ctx, m)) return undefined;
  const verb = tokenAt(ctx, m.ti).low;
  let cs: number | undefined;
  for (let j = m.tj; j < m.tj + 8; j++) {
    const t = tokenAt(ctx, j);
    if (t.low === 'that') cs = j + 1;
    if (t.kind !== WORD || t.low === 'that' || NOT_BEFORE_THAT.has(t.low) || speech.has(t.low)) break;
  }
  const next = tokenAt(ctx, m.tj);
  if (cs === undefined && next.s - m.e <= 1 && (SUBJECTS.has(next.low.replace(CONTRACTION, '')) || (SAY_CLASS.test(verb) && (next.low === 'the' || nameThenVerb(ctx, m.tj))))) {
    cs = m.tj;
  }
  if (cs === undefined) return undefined;
  while (tokenAt(ctx, cs).low === ':') cs++;
  const first = tokenAt(ctx, cs);
  const end = clauseEnd(ctx, cs, tokenAt(ctx, cs - 1).e, MAX_WORDS, stop);
  const [s, e] = trimSpan(ctx, first.s, end);
  const quote = ctx.quoteByOpen.get(s);
  if (quote && quote.words >= 3 && quote.close + 1 === e) return undefined; // the quotation rule has it
  return { s, e, reason: `clause reported by ${q(m.text)}` };
}

/** "According to X, clause" → the clause; "clause, according to X" → the clause before. */
function accordingClause(ctx: TextContext, m: LexMatch, find: Finder, stop: StopAt): Span | undefined {
  const [ss] = sentenceAt(ctx, m.s);
  const reason = `clause attributed by ${q(m.text)}`;
  if (tokenIndexAt(ctx, ss) >= m.ti - 1) {
    for (let j = m.tj; j < m.tj + 15; j++) {
      const t = tokenAt(ctx, j);
      if (t.low === ',') return { s: tokenAt(ctx, j + 1).s, e: clauseEnd(ctx, j + 1, t.e, MAX_WORDS, stop), reason };
      if (t.kind === PUNCT && t.low !== '.' && t.low !== '-') break;
    }
    return undefined;
  }
  if (find(ss, m.s)) return undefined; // "X said that …, according to Y": the speech verb has it
  return { s: ss, e: m.s, reason };
}

/** Spans not inside another (a clause reported within a reported clause is left to the outer one). */
function outermost(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  let reach = -1;
  for (const sp of [...spans].sort((a, b) => a.s - b.s || b.e - a.e)) {
    if (sp.e <= reach) continue;
    out.push(sp);
    reach = sp.e;
  }
  return out;
}

function isQuestion(ctx: TextContext, quote: Quote): boolean {
  const inner = ctx.text.slice(quote.open + 1, quote.close).replace(/[\s,]+$/, '');
  return inner.endsWith('?') && !/[.!]\s/.test(inner);
}

export const claimSuggester: Suggester = {
  category: 'claim',
  suggest(text: string, lexicons: Lexicons): Suggestion[] {
    const ctx = contextFor(text);
    const { matches: verbs, find } = outsideQuotes(ctx, lexicons, 'speechVerbs');
    const speech = firstWords(lexicons.speechVerbs);
    const denials = firstWords(lexicons.denials);
    const stop: StopAt = (k) => {
      const t = tokenAt(ctx, k);
      const next = tokenAt(ctx, k + 1);
      if (t.kind === WORD && speech.has(t.low) && /,["”’']?\s*$/.test(text.slice(t.s - 4, t.s))) return true; // “…,” arguing
      if (t.low !== ',' && t.low !== 'and' && t.low !== 'but') return false;
      return speech.has(next.low) || denials.has(next.low) || (t.low === ',' && CONTRAST.has(next.low));
    };

    const clauses: Span[] = [];
    for (const m of verbs) {
      const according = tokenAt(ctx, m.ti).low === 'according' || m.tj - m.ti > 2;
      const span = according ? accordingClause(ctx, m, find, stop) : reportedClause(ctx, m, speech, stop);
      if (span) clauses.push(span);
    }

    const inClause = coverage(clauses);
    const outer = outermost(clauses);
    const quotes: Span[] = [];
    let prev: Quote | undefined;
    for (const quote of ctx.quotes) {
      const before = prev;
      prev = quote;
      if (quote.words < 3 || isQuestion(ctx, quote)) continue;
      const ws = sentenceAt(ctx, quote.open)[0];
      const we = sentenceAt(ctx, quote.close)[1];
      let verb = find(quote.close, we);
      for (let v = find(ws, quote.open); v; v = find(v.e, quote.open)) verb = v; // the nearest before

      if (!verb && before && !text.slice(before.close, quote.open).includes('\n')) {
        const gap = tokenIndexAt(ctx, quote.open) - tokenIndexAt(ctx, before.close);
        if (gap <= 14) verb = find(before.close, quote.open);
      }
      if (!verb) continue;
      const s = quote.open + 1;
      if (inClause(s, quote.close)) continue;
      quotes.push({ s, e: quote.close, reason: `quotation attributed by ${q(verb.text)}` });
    }

    const out: Suggestion[] = [];
    for (const sp of [...outer, ...quotes]) {
      const s = makeSuggestion(ctx, 'claim', sp.s, sp.e, sp.reason);
      if (s) out.push(s);
    }
    return out;
  },
};
