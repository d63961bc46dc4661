import * as l10n from '@vscode/l10n';
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
    return { ok: false, reason: l10n.t('{0} is {1}, over the limit of {2} (setting newsmark.maxFileSizeMB); the file is left as it is.', fileName, formatBytes(bytes.byteLength), formatBytes(maxBytes)) };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: l10n.t('{0} is not UTF-8 text; Newsmark tags only UTF-8 text files.', fileName) };
  }
  // In UTF-8 a 0 byte is U+0000 and nothing else. Looked for in the bytes: a Node Buffer's
  // indexOf is native (memchr), ten times quicker than searching the text.
  if (bytes.indexOf(0) !== -1) return { ok: false, reason: l10n.t('{0} looks binary (it contains NUL bytes); Newsmark tags only text.', fileName) };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/**
 * A folder's own documents, not articles: a corpus kept in a repository or shared as a folder
 * often has a README or LICENSE, and suggesting tags over the folder would give each a sidecar
 * (and a place among the articles). Folder-wide runs pass them over unless they are tagged
 * already; named on their own, they are articles like any other file.
 */
export function isProjectDocument(fileName: string): boolean {
  return PROJECT_DOCUMENT.test(fileName);
}

const PROJECT_DOCUMENT = /^(readme|changelog|changes|licen[cs]e|copying|contributing|code_of_conduct|security|authors)\.(txt|md)$/i;
