import { basename } from 'node:path';
import { outletOf, type OutletArticle, type OutletName } from '../core/outlet';
import type { ReadablePair } from './sidecars';

/**
 * The outlet an article is from: the sidecar's `outlet` detail when it has one, else a guess
 * from the article's text (a byline, a dateline, a closing credit), else the article's file
 * name, which at least tells two outlets' files apart.
 */
export function outletNameOf(pair: Pick<ReadablePair, 'articlePath' | 'sidecar' | 'articleLf'>): OutletName {
  return outletOf(pair.sidecar.details, pair.articleLf, basename(pair.articlePath));
}

export function outletFor(pair: Pick<ReadablePair, 'articlePath' | 'sidecar' | 'articleLf'>): string {
  return outletNameOf(pair).name;
}

/** An article as the figure ledger and the quote clusters read it. */
export function outletArticle(pair: ReadablePair): OutletArticle {
  return { article: pair.articlePath, outlet: pair.facts.outlet().name, text: pair.articleLf, tags: pair.sidecar.tags };
}
