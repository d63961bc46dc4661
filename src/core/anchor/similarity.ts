/**
 * Two rows reused by every call: scoring candidates calls this thousands of times per article,
 * and two fresh arrays a call were garbage for the collector to sweep.
 */
let previousRow = new Uint16Array(64);
let currentRow = new Uint16Array(64);

/** Edit distance (insert, delete, substitute) between two short strings, in UTF-16 units. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  if (previousRow.length <= b.length) {
    previousRow = new Uint16Array(b.length + 1);
    currentRow = new Uint16Array(b.length + 1);
  }
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const substitute = (previous[j - 1] as number) + cost;
      const remove = (previous[j] as number) + 1;
      const insert = (current[j - 1] as number) + 1;
      current[j] = substitute < remove ? (substitute < insert ? substitute : insert) : remove < insert ? remove : insert;
    }
    const done = previous;
    previous = current;
    current = done;
  }
  return previous[b.length] as number;
}

/** 1 for equal strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - editDistance(a, b) / longest;
}
