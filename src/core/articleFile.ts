import { sha256Hex } from './sha256';
import { toLf } from './textIndex';

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** SHA-256 (hex) of the article's UTF-8 text after CRLF → LF, as the sidecar records it. */
export function articleHash(rawText: string): string {
  return sha256Hex(toLf(rawText));
}

export type DecodeResult = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Bytes → text, refusing what Newsmark cannot tag faithfully: files over the size limit,
 * and files that are not valid UTF-8 (offsets into a mis-decoded text would be wrong).
 */
export function decodeArticle(bytes: Uint8Array, fileName: string, maxBytes = DEFAULT_MAX_FILE_BYTES): DecodeResult {
  if (bytes.byteLength > maxBytes) {
    return { ok: false, reason: `${fileName} is ${formatBytes(bytes.byteLength)}, over the limit of ${formatBytes(maxBytes)} (setting newsmark.maxFileSizeMB); the file is left as it is.` };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: `${fileName} is not UTF-8 text; Newsmark tags only UTF-8 text files.` };
  }
  if (text.includes('\u0000')) return { ok: false, reason: `${fileName} looks binary (it contains NUL bytes); Newsmark tags only text.` };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
