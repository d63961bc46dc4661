/**
 * The parse cache's index (see parseCache.ts) as text: written in ASCII, so that the whole index
 * is decoded at once and a character's place in it is its byte's; read a line at a time with the
 * string searches the engine runs natively. A warm run is a short process whose code barely gets
 * compiled: reading each line byte by byte (its path, its offsets) was most of opening the cache.
 */

/**
 * JSON text with every character outside ASCII escaped (\uXXXX): the same JSON, read back the
 * same. Outside its strings JSON is ASCII, so only characters inside strings are escaped.
 */
export function asciiJson(json: string): string {
  return NON_ASCII.test(json) ? json.replace(NON_ASCII_ALL, escape) : json;
}

const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_ALL = /[\u0080-\uffff]/g;

function escape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A JSON string literal without escapes, control characters or quotes inside. */
// eslint-disable-next-line no-control-regex
const PLAIN_STRING = /^"[^"\\\x00-\x1f]*"$/;

/** The string a JSON string literal says, or undefined; one without escapes sliced out as it is. */
export function jsonString(literal: string): string | undefined {
  if (PLAIN_STRING.test(literal)) return literal.slice(1, -1);
  if (literal.charCodeAt(0) !== 0x22) return undefined;
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Three comma-separated decimal numbers, as the index writes them (no sign, no other notation, at most 16 digits each). */
const OFFSETS = /^(\d{1,16}),(\d{1,16}),(\d{1,16})$/;

/** The three offsets at the end of an index line; undefined for anything else. */
export function decimals(text: string): [number, number, number] | undefined {
  const m = OFFSETS.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}
