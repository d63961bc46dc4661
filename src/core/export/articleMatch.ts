// Which corpus article a record of an imported file means. Records name their article by file
// name, or — in the formats whose export writes a mapping file (brat's articles.tsv, SemEval's
// ids.tsv) — by its path relative to the folder that held the exported articles (`bbc/day.txt`,
// and a bare `day.txt` for one directly in it). Two articles may share a name in different
// folders; an import must never put one's tags or codes into the other because of it.
import { basenamePath } from '../fs/paths';
import type { ImportedSpan } from './types';

export type ArticleMatch =
  /** The one article meant. */
  | { readonly kind: 'one'; readonly path: string }
  /** No article of that name. */
  | { readonly kind: 'none' }
  /** Articles of that name, none at the recorded path. */
  | { readonly kind: 'elsewhere'; readonly candidates: readonly string[] }
  /** Several articles the record could mean. */
  | { readonly kind: 'several'; readonly candidates: readonly string[] };

/**
 * Matches an import's references (file names, or recorded paths) to the corpus's articles,
 * given as absolute '/'-separated paths by file name (`candidatesOf`). A recorded path matches
 * the articles whose absolute path ends with it, folder for folder, whichever folder the import
 * starts from: `bbc/day.txt` finds `/…/corpus/bbc/day.txt` from `corpus` or from `corpus/bbc`,
 * never `/…/corpus/cnn/day.txt`. When the recorded paths all lead to one folder (the folder the
 * export started from), every reference is taken exactly from there, a bare name included.
 */
export class ArticleMatcher {
  private readonly exportRoot: string | undefined;
  private readonly matches = new Map<string, ArticleMatch>();

  constructor(references: Iterable<string>, private readonly candidatesOf: (name: string) => readonly string[]) {
    const roots = new Set<string>();
    for (const reference of references) {
      if (!reference.includes('/')) continue;
      for (const c of this.candidatesOf(basenamePath(reference))) if (c.endsWith(`/${reference}`)) roots.add(c.slice(0, c.length - reference.length - 1));
    }
    this.exportRoot = roots.size === 1 ? [...roots][0] : undefined;
  }

  match(reference: string): ArticleMatch {
    let match = this.matches.get(reference);
    if (!match) this.matches.set(reference, (match = this.matchNow(reference)));
    return match;
  }

  private matchNow(reference: string): ArticleMatch {
    const candidates = this.candidatesOf(basenamePath(reference));
    if (candidates.includes(reference)) return { kind: 'one', path: reference }; // an article's own path
    const matching = this.exportRoot !== undefined
      ? candidates.filter((c) => c === `${this.exportRoot}/${reference}`)
      : reference.includes('/') ? candidates.filter((c) => c.endsWith(`/${reference}`)) : candidates;
    if (matching.length === 1) return { kind: 'one', path: matching[0]! };
    if (matching.length > 1) return { kind: 'several', candidates: matching };
    return candidates.length === 0 ? { kind: 'none' } : { kind: 'elsewhere', candidates };
  }
}

/**
 * The spans an import can place: a span whose reference is one article gets that article's key
 * (`keyOf` its path; undefined when the article cannot be read); a span of a reference to no
 * article of that name goes on as it is, for placeImported to report; every other span is left
 * out, counted per reference, for the caller to say why.
 */
export function placeableSpans(spans: readonly ImportedSpan[], matcher: ArticleMatcher, keyOf: (path: string) => string | undefined): { kept: ImportedSpan[]; left: Map<string, number> } {
  const kept: ImportedSpan[] = [];
  const left = new Map<string, number>();
  for (const span of spans) {
    const match = matcher.match(span.article);
    const key = match.kind === 'one' ? keyOf(match.path) : undefined;
    if (key !== undefined) kept.push({ ...span, article: key });
    else if (match.kind === 'none') kept.push(span);
    else left.set(span.article, (left.get(span.article) ?? 0) + 1);
  }
  return { kept, left };
}
