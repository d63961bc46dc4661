import type { LedgerFigure } from './ledger';

export const formatNumber = (v: number): string => v.toLocaleString('en-US');

/** "hundreds of", "tens of thousands of": the hedge is the amount. */
const PLURAL_OF = /^(?:tens|dozens|scores|hundreds|thousands|millions|billions) of/;

/**
 * A figure's amount as an analyst reads it back: "nearly 3,000", "4,000–6,000", "hundreds of (≥ 200)".
 * "between" and "from" are said by the range itself, so they are not repeated.
 */
export function formatAmount(f: Pick<LedgerFigure, 'value' | 'min' | 'max' | 'hedge'>): string {
  const n = formatNumber;
  const hedge = f.hedge && !['between', 'somewhere between', 'from'].includes(f.hedge) && !PLURAL_OF.test(f.hedge) ? `${f.hedge} ` : '';
  if (f.value !== undefined) return `${hedge}${n(f.value)}`;
  if (f.max === null || f.max === undefined) return f.hedge && PLURAL_OF.test(f.hedge) ? `${f.hedge} (≥ ${n(f.min ?? 0)})` : hedge ? `${hedge}${n(f.min ?? 0)}` : `${n(f.min ?? 0)}+`;
  return f.min ? `${n(f.min)}–${n(f.max)}` : `${hedge}${n(f.max)}`;
}
