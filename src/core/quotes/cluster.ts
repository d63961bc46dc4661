/**
 * Quotes aligned across outlets: claim and denial tags that are quoted speech, grouped when their
 * words match closely, each version compared word by word with the wording most outlets print.
 *
 * Distinct wordings are taken most common first (then longest), and each one either joins the
 * closest cluster already open or opens its own. Comparing with each cluster's wording, not with
 * every member, keeps two different quotes from being chained together through a third, and an
 * inverted index of word pairs means a wording is only compared with clusters it shares words
 * with, so the work grows with the number of quotes, not with its square.
 */
import type { OutletArticle, OutletTag } from '../outlet';
import type { Tag } from '../tag';
import { TextIndex } from '../textIndex';
import { isQuoted } from './quoted';
import { commonWords, partsOf, wordRuns, type DiffPart, type DiffWord } from './wordDiff';
import { quoteWords } from './words';

/** An article for the quote clusters; only its claim and denial tags are read. */
export type QuoteArticle = OutletArticle;

export type QuoteVerdict = 'identical' | 'trimmed' | 'altered';

export interface QuoteMember extends OutletTag {
  readonly verdict: QuoteVerdict;
  /** This version against the cluster's wording. */
  readonly diff: DiffPart[];
}

export interface QuoteCluster {
  /** The wording most members print (the longest of equally common ones), as first printed. */
  readonly wording: string;
  readonly members: QuoteMember[];
}

export interface QuoteOptions {
  /** Clusters with fewer members are left out (default 2: a quote nobody else printed aligns with nothing). */
  readonly minMembers?: number;
  /** Share of the shorter quote's words, in order, that the two must have in common (default 0.5). */
  readonly minShared?: number;
}

interface Candidate {
  /** Which article: its name and outlet only, so a candidate never keeps an article's text. */
  readonly article: Pick<QuoteArticle, 'article' | 'outlet'>;
  readonly tag: Tag;
  readonly words: DiffWord[];
}

interface Wording {
  readonly key: string;
  readonly normal: string[];
  readonly members: Candidate[];
  readonly order: number;
}

interface Cluster {
  readonly centre: Wording;
  readonly shingles: Set<number>;
  readonly wordings: Wording[];
}

const QUOTE_CATEGORIES = new Set(['claim', 'denial']);
/** Word pairs shared by this many clusters say little (of the, we will) and are not followed. */
const COMMON_PAIR = 64;
/** Clusters compared word by word per wording, the ones sharing most pairs first. */
const CHECKED = 8;

/** The claim and denial tags of the articles that are quoted speech, clustered. */
export function clusterQuotes(articles: readonly QuoteArticle[], options: QuoteOptions = {}): QuoteCluster[] {
  const collector = new QuoteCollector();
  for (const article of articles) collector.add(article);
  return collector.clusters(options);
}

/**
 * The quotes an article at a time (the command line streams a corpus through it): each quoted
 * claim or denial is kept as its tag and words, never its article's text; clustered at the end.
 */
export class QuoteCollector {
  private readonly candidates: Candidate[] = [];

  add(article: QuoteArticle): void {
    this.candidates.push(...quotedCandidates([article]));
  }

  clusters(options: QuoteOptions = {}): QuoteCluster[] {
    return clustersOf(this.candidates, options);
  }
}

function clustersOf(candidates: readonly Candidate[], options: QuoteOptions): QuoteCluster[] {
  const minMembers = options.minMembers ?? 2;
  const minShared = options.minShared ?? 0.5;
  const wordings = distinctWordings(candidates);
  const pairIds = new Map<string, number>();
  const postings: number[][] = [];
  const clusters: Cluster[] = [];
  for (const wording of wordings) {
    const shingles = shinglesOf(wording.normal, pairIds);
    const target = closest(wording, shingles, clusters, postings, minShared);
    if (target) {
      target.wordings.push(wording);
      continue;
    }
    const index = clusters.length;
    clusters.push({ centre: wording, shingles, wordings: [wording] });
    for (const s of shingles) (postings[s] ??= []).push(index);
  }
  return clusters
    .map(toResult)
    .filter((c) => c.members.length >= minMembers)
    .sort((a, b) => b.members.length - a.members.length || a.wording.localeCompare(b.wording));
}

function quotedCandidates(articles: readonly QuoteArticle[]): Candidate[] {
  const out: Candidate[] = [];
  for (const article of articles) {
    const quotes = article.tags.filter((t) => QUOTE_CATEGORIES.has(t.category) && t.status !== 'orphaned');
    if (quotes.length === 0) continue;
    const index = new TextIndex(article.text);
    const owner = { article: article.article, outlet: article.outlet };
    for (const tag of quotes) {
      const start = index.toUtf16(tag.start);
      const end = index.toUtf16(tag.end);
      // A tag whose offsets no longer cut out its text (an article edited outside Newsmark) cannot be placed in its quotation marks.
      if (article.text.slice(start, end) !== tag.text || !isQuoted(article.text, start, end)) continue;
      const { surface, normal } = quoteWords(tag.text);
      if (surface.length === 0) continue;
      out.push({ article: owner, tag, words: surface.map((w, i) => ({ surface: w, normal: normal[i]! })) });
    }
  }
  return out;
}

function distinctWordings(candidates: readonly Candidate[]): Wording[] {
  const byKey = new Map<string, Wording>();
  for (const c of candidates) {
    const normal = c.words.map((w) => w.normal);
    const key = normal.join(' ');
    let wording = byKey.get(key);
    if (!wording) byKey.set(key, (wording = { key, normal, members: [], order: byKey.size }));
    wording.members.push(c);
  }
  return [...byKey.values()].sort((a, b) => b.members.length - a.members.length || b.normal.length - a.normal.length || a.order - b.order);
}

/** Word pairs (a one-word quote: its word), as small integers. */
function shinglesOf(normal: readonly string[], ids: Map<string, number>): Set<number> {
  const keys = normal.length === 1 ? [normal[0]!] : normal.slice(1).map((w, i) => `${normal[i]!} ${w}`);
  const out = new Set<number>();
  for (const key of keys) {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    out.add(id);
  }
  return out;
}

function closest(wording: Wording, shingles: Set<number>, clusters: readonly Cluster[], postings: readonly (number[] | undefined)[], minShared: number): Cluster | undefined {
  const shared = new Map<number, number>();
  for (const s of shingles) {
    const list = postings[s];
    if (!list || list.length > COMMON_PAIR) continue;
    for (const c of list) shared.set(c, (shared.get(c) ?? 0) + 1);
  }
  // Two shared pairs at least: one pair (“not true”) is common to too many different quotes.
  const ranked = [...shared].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, CHECKED);
  let best: Cluster | undefined;
  let bestScore = 0;
  for (const [index] of ranked) {
    const cluster = clusters[index]!;
    const centre = cluster.centre.normal;
    const score = commonWords(wording.normal, centre) / Math.min(wording.normal.length, centre.length);
    if (score >= minShared && score > bestScore) {
      best = cluster;
      bestScore = score;
    }
  }
  return best;
}

function toResult(cluster: Cluster): QuoteCluster {
  const centre = cluster.centre;
  const reference = centre.members[0]!.words;
  const members: QuoteMember[] = [];
  for (const wording of cluster.wordings) {
    const verdict = verdictOf(wording.normal, centre.normal);
    // Diffed once per distinct wording; each member only spells the runs out in its own printing.
    const runs = wordRuns(centre.normal, wording.normal);
    for (const c of wording.members) {
      members.push({ article: c.article.article, outlet: c.article.outlet, id: c.tag.id, start: c.tag.start, end: c.tag.end, text: c.tag.text, verdict, diff: partsOf(runs, reference, c.words) });
    }
  }
  members.sort((a, b) => a.article.localeCompare(b.article) || a.start - b.start);
  return { wording: reference.map((w) => w.surface).join(' '), members };
}

/** identical: the same words; trimmed: a contiguous run of the wording's words; altered: anything else. */
export function verdictOf(version: readonly string[], wording: readonly string[]): QuoteVerdict {
  if (version.length === wording.length && version.every((w, i) => w === wording[i])) return 'identical';
  if (version.length < wording.length) {
    for (let at = 0; at + version.length <= wording.length; at++) {
      if (version.every((w, i) => w === wording[at + i])) return 'trimmed';
    }
  }
  return 'altered';
}
