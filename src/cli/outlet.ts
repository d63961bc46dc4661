import { basename } from 'node:path';
import { outletOf } from '../core/outlet';
import type { ReadablePair } from './sidecars';

/**
 * The outlet an article is from, for the figure ledger and the quote clusters: the sidecar's
 * `outlet` detail when it has one, else a guess from the article's text (a byline, a dateline, a
 * closing credit), else the article's file name, which at least tells two outlets' files apart.
 */
export function outletFor(pair: Pick<ReadablePair, 'articlePath' | 'sidecar' | 'articleLf'>): string {
  return outletOf(pair.sidecar.details, pair.articleLf, basename(pair.articlePath)).name;
}
