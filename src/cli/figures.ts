import * as l10n from '@vscode/l10n';
import { formatAmount } from '../core/figures/format';
import { parse } from 'yaml';
import { countMismatches, LedgerBuilder, type LedgerGroup } from '../core/figures/ledger';
import { DEFAULT_VOCABULARY, extendVocabulary, parseVocabularyExtension, type FigureVocabulary } from '../core/figures/vocabulary';
import { readRegularFile } from './inputFile';
import { outletArticle } from './outlet';
import { withParseCache } from './cache';
import type { Output } from './output';
import { eachReadablePair } from './sidecars';

export interface FiguresOptions {
  readonly json: boolean;
  /** A YAML or JSON file of synonyms added to the built-in ones (see parseVocabularyExtension). */
  readonly synonyms?: string;
  /** false: --no-cache. */
  readonly cache?: boolean;
}

/**
 * `newsmark figures [--json] [--synonyms FILE] PATH...`: the figure ledger. Exit 1 on any
 * mismatch or unreadable sidecar; 2 when the synonyms file cannot be used (before anything is read).
 */
export async function figures(paths: readonly string[], options: FiguresOptions, out: Output): Promise<number> {
  const { json } = options;
  let vocabulary = DEFAULT_VOCABULARY;
  if (options.synonyms !== undefined) {
    const read = await readSynonyms(options.synonyms);
    if (typeof read === 'string') {
      out.error(`newsmark figures: --synonyms ${options.synonyms}: ${read}`);
      return 2;
    }
    vocabulary = read;
  }
  const problems: string[] = [];
  const builder = new LedgerBuilder(vocabulary);
  const { failed } = await withParseCache(paths, options.cache ?? true, (cache) => eachReadablePair(paths, (p) => problems.push(p), (notice) => out.error(notice), cache, (pair) => builder.add(outletArticle(pair))));
  const ledger = builder.ledger();
  const mismatches = countMismatches(ledger);
  if (json) out.line(JSON.stringify(ledger, null, 2));
  else {
    for (const thing of ledger.things) {
      out.line(thing.figures.length === 1 ? l10n.t('{0} (1 figure)', thing.counted) : l10n.t('{0} ({1} figures)', thing.counted, thing.figures.length));
      for (const group of thing.groups) {
        out.line(`  ${groupLabel(group)}  ${group.source ?? l10n.t('no source given')} · ${group.as_of ?? l10n.t('no time given')}`);
        for (const f of group.figures) out.line(`      ${formatAmount(f).padEnd(18)} ${f.outlet}  “${f.text}”${f.source && f.source !== group.source ? `  (${f.source})` : ''}`);
      }
    }
    if (ledger.things.length === 0) out.line(l10n.t('No figure tags found.'));
    out.line(mismatches === 1 ? l10n.t('1 figure mismatch.') : l10n.t('{0} figure mismatches.', mismatches));
  }
  for (const p of problems) out.error(`✗ ${p}`);
  return mismatches > 0 || failed ? 1 : 0;
}

/** The built-in vocabulary with the file's words added, or why the file cannot be used (one message). */
async function readSynonyms(path: string): Promise<FigureVocabulary | string> {
  const file = await readRegularFile(path);
  if (!file.ok) return file.reason;
  let value: unknown;
  try {
    value = parse(file.bytes.toString('utf8'));
  } catch (error) {
    return l10n.t('not YAML or JSON: {0}', (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '');
  }
  const { vocabulary, errors } = parseVocabularyExtension(value);
  if (!vocabulary) return errors.length === 1 ? errors[0]! : `\n  ${errors.join('\n  ')}`;
  return extendVocabulary(DEFAULT_VOCABULARY, vocabulary);
}

function groupLabel(g: LedgerGroup): string {
  // Marks of one width, so the sources line up under each other.
  const label = g.kind === 'mismatch' ? `✗ ${l10n.t('MISMATCH')}` : g.kind === 'divergent' ? `~ ${l10n.t('divergent')}` : '✓';
  const width = Math.max(2 + l10n.t('MISMATCH').length, 2 + l10n.t('divergent').length);
  return label.padEnd(width);
}
