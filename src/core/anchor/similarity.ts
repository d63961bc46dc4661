/**
 * Two rows reused by every call: scoring candidates calls this thousands of times per article,
 * and two fresh arrays a call were garbage for the collector to sweep.
 */
let previousRow = new Uint16Array(64);
let currentRow = new Uint16Array(64);

/** Per UTF-16 unit of the shorter string, a bit for each position where it occurs (Myers); cleared after each call, made on first use. */
let positionTable: Int32Array | undefined;

/** Edit distance (insert, delete, substitute) between two short strings, in UTF-16 units. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // A tag's prefix or suffix (32 code points) fits one machine word: Myers's bit-parallel way.
  if (a.length <= 32) return bitParallelDistance(a, b);
  if (b.length <= 32) return bitParallelDistance(b, a);
  return tableDistance(a, b);
}

/**
 * Myers (1999) as Hyyrö (2001) gives it for the distance between whole strings: the column of
 * the table is kept as bit vectors of +1/−1 steps, so a column costs a few word operations.
 */
function bitParallelDistance(pattern: string, text: string): number {
  const m = pattern.length;
  const positions = (positionTable ??= new Int32Array(0x10000));
  for (let i = 0; i < m; i++) positions[pattern.charCodeAt(i)]! |= 1 << i;
  const last = 1 << (m - 1);
  let plus = -1; // +1 steps down the column: all of them in the first column
  let minus = 0;
  let score = m;
  for (let j = 0; j < text.length; j++) {
    const equal = positions[text.charCodeAt(j)] as number;
    const xv = equal | minus;
    const xh = ((((equal & plus) + plus) | 0) ^ plus) | equal;
    let ph = minus | ~(xh | plus);
    let mh = plus & xh;
    if (ph & last) score++;
    else if (mh & last) score--;
    ph = (ph << 1) | 1; // the first row grows by one per column
    mh <<= 1;
    plus = mh | ~(xv | ph);
    minus = ph & xv;
  }
  for (let i = 0; i < m; i++) positions[pattern.charCodeAt(i)] = 0;
  return score;
}

function tableDistance(a: string, b: string): number {
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
