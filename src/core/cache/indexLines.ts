/**
 * Reading the parse cache's index (see parseCache.ts): its lines a window at a time, and each
 * line's path and offsets without the general parsers, which were a tenth of a warm run.
 */
import type { CacheSource } from './files';

const NEWLINE = 0x0a;
/** Bytes of the file read at once while indexing it. */
const WINDOW = 1 << 20;
const DECODER = new TextDecoder();

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

/** The string a JSON string literal says, or undefined; one without escapes straight from its bytes. */
export function jsonString(bytes: Uint8Array): unknown {
  const n = bytes.length;
  if (n < 2 || bytes[0] !== QUOTE || bytes[n - 1] !== QUOTE) return undefined;
  for (let i = 1; i < n - 1; i++) {
    const b = bytes[i]!;
    if (b === BACKSLASH || b === QUOTE || b < 0x20) return parseJson(DECODER.decode(bytes));
  }
  return DECODER.decode(bytes.subarray(1, n - 1));
}

/** The three comma-separated decimal numbers from `from` to the end of the line, as the index writes them; undefined for anything else. */
export function decimals(bytes: Uint8Array, from: number): [number, number, number] | undefined {
  const numbers: number[] = [];
  let value = 0;
  let digits = 0;
  for (let i = from; i <= bytes.length; i++) {
    const b = i < bytes.length ? bytes[i]! : COMMA;
    if (b >= 0x30 && b <= 0x39 && digits < 16) {
      value = value * 10 + (b - 0x30);
      digits++;
    } else if (b === COMMA && digits > 0) {
      numbers.push(value);
      value = 0;
      digits = 0;
    } else {
      return undefined;
    }
  }
  return numbers.length === 3 ? (numbers as [number, number, number]) : undefined;
}

/**
 * The lines (without their LF) of [from, to) and where each starts, read a window at a time,
 * each window beginning where the last whole line ended (a line longer than a window gets a
 * wider one). Anything after the last LF makes the range not a whole index: a line that no reader accepts.
 */
export function* linesOf(source: CacheSource, from: number, to: number): Generator<{ bytes: Uint8Array; at: number }, undefined> {
  let at = from;
  let width = WINDOW;
  while (at < to) {
    const end = Math.min(to, at + width);
    const bytes = source.read(at, end);
    let start = 0;
    for (let lf = bytes.indexOf(NEWLINE); lf >= 0; lf = bytes.indexOf(NEWLINE, start)) {
      yield { bytes: bytes.subarray(start, lf), at: at + start };
      start = lf + 1;
    }
    if (end === to) {
      if (start < bytes.byteLength) yield { bytes: new Uint8Array([0xff]), at };
      return undefined;
    }
    if (start === 0) width *= 2;
    else width = WINDOW;
    at += start;
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
