import * as vscode from 'vscode';
import { DEFAULT_VOCABULARY, extendVocabulary, parseVocabularyExtension, type FigureVocabulary } from '../../core/figures/vocabulary';

// Typed access to Newsmark's settings (declared in package.json).

/** The size limit of articles and sidecars in bytes; 0 (or less) in the setting means none. */
export function maxFileBytes(): number {
  const mb = vscode.workspace.getConfiguration('newsmark').get<number>('maxFileSizeMB', 10);
  return typeof mb === 'number' && mb > 0 ? mb * 1024 * 1024 : Number.POSITIVE_INFINITY;
}

export function author(): string | undefined {
  const value = vscode.workspace.getConfiguration('newsmark').get<string>('author', '').trim();
  return value === '' ? undefined : value;
}

/**
 * The figure vocabulary: the built-in synonyms plus `newsmark.figures.synonyms`. A setting that
 * does not check out is reported (once per distinct problem) and left out, so the ledger still runs.
 */
export function figureVocabulary(report: (problems: readonly string[]) => void): FigureVocabulary {
  const { vocabulary, errors } = parseVocabularyExtension(vscode.workspace.getConfiguration('newsmark').get<unknown>('figures.synonyms'));
  if (errors.length > 0) report(errors);
  return vocabulary ? extendVocabulary(DEFAULT_VOCABULARY, vocabulary) : DEFAULT_VOCABULARY;
}

/** How a confirmed tag is marked in the editor (setting newsmark.review.confirmedMark). */
export type ConfirmedMark = 'both' | 'underline' | 'ruler' | 'off';

export function confirmedMark(): ConfirmedMark {
  const value = vscode.workspace.getConfiguration('newsmark').get<string>('review.confirmedMark', 'both');
  return value === 'underline' || value === 'ruler' || value === 'off' ? value : 'both';
}
