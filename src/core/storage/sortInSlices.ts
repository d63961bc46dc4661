import type { Slice } from './slicer';

/** Items sorted per unit before merging: ~10,000 comparisons, a couple of milliseconds with Intl.Collator. */
const RUN = 1024;
/** Comparisons per unit while merging. */
const COMPARES_PER_UNIT = 8192;

/**
 * Array.prototype.sort's order (stable) worked out a bounded number of comparisons at a time
 * through `slice`: sorting 10,000 file names with Intl.Collator at once is ~30 ms, a long task on
 * the extension host. Sorted runs, then merged bottom-up.
 */
export async function sortInSlices<T>(items: readonly T[], compare: (a: T, b: T) => number, slice: Slice): Promise<T[]> {
  let run = items.slice();
  for (let start = 0; start < run.length; start += RUN) {
    await slice(() => {
      const part = run.slice(start, start + RUN).sort(compare);
      for (let i = 0; i < part.length; i++) run[start + i] = part[i]!;
    });
  }
  for (let width = RUN; width < run.length; width *= 2) {
    const from = run;
    const into = new Array<T>(from.length);
    let out = 0;
    for (let low = 0; low < from.length; low += 2 * width) {
      const middle = Math.min(low + width, from.length);
      const high = Math.min(low + 2 * width, from.length);
      let i = low;
      let j = middle;
      while (i < middle || j < high) {
        await slice(() => {
          // Ties take the left run's item first, as a stable sort keeps them.
          for (let n = 0; n < COMPARES_PER_UNIT && (i < middle || j < high); n++) {
            into[out++] = j >= high || (i < middle && compare(from[i]!, from[j]!) <= 0) ? from[i++]! : from[j++]!;
          }
        });
      }
    }
    run = into;
  }
  return run;
}
