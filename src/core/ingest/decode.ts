// Saved pages come in the encoding their site served: UTF-8 mostly, Windows-1252 often (older
// CMSs, wire feeds). Offsets into a mis-decoded text would tag the wrong characters, so the page's
// own declaration is honoured the way a browser does: BOM first, then <meta charset>, then
// <meta http-equiv="Content-Type">, then UTF-8 if the bytes are valid UTF-8, else Windows-1252.

import * as l10n from '@vscode/l10n';
export type Decoded = { ok: true; html: string; encoding: string; warnings: string[] } | { ok: false; message: string };

/** How far into the page the charset declaration is looked for (browsers look at the first 1024 bytes; saved pages put long comments first). */
const PRESCAN_BYTES = 8192;

export function decodePage(bytes: Uint8Array): Decoded {
  const bom = bomEncoding(bytes);
  if (bom) return decodeWith(bytes.subarray(bom.length), bom.label, []);
  const head = latin1(bytes.subarray(0, PRESCAN_BYTES));
  const declared = declaredCharset(head);
  if (declared) {
    // A page saved as bytes cannot really be UTF-16 without a BOM: browsers read such a declaration as UTF-8.
    const label = /^utf-?16/i.test(declared) ? 'utf-8' : declared;
    let encoding: string;
    try {
      encoding = new TextDecoder(label).encoding;
    } catch {
      return decodeUndeclared(bytes, [l10n.t('The page declares the encoding "{0}", which is not known; it was read as {1}.', declared, utf8Valid(bytes) ? 'UTF-8' : 'Windows-1252')]);
    }
    const warnings: string[] = [];
    if (encoding === 'utf-8' && !utf8Valid(bytes)) warnings.push(l10n.t('The page declares UTF-8 but is not valid UTF-8; the bad bytes were read as U+FFFD.'));
    return decodeWith(bytes, label, warnings);
  }
  return decodeUndeclared(bytes, []);
}

function decodeUndeclared(bytes: Uint8Array, warnings: string[]): Decoded {
  if (utf8Valid(bytes)) return decodeWith(bytes, 'utf-8', warnings);
  return decodeWith(bytes, 'windows-1252', [...warnings, ...(warnings.length === 0 ? [l10n.t('The page declares no encoding and is not UTF-8; it was read as Windows-1252.')] : [])]);
}

function decodeWith(bytes: Uint8Array, label: string, warnings: string[]): Decoded {
  const decoder = new TextDecoder(label);
  const html = decoder.encoding === 'windows-1252' ? windows1252(bytes) : decoder.decode(bytes);
  return { ok: true, html, encoding: decoder.encoding, warnings };
}

/** 0x80–0x9F of Windows-1252 (curly quotes, dashes, €…); undefined where the code page has no character. */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Windows-1252 decoded here rather than by TextDecoder: Node 20's decoder reads the label as
 * ISO-8859-1 and turns 0x93 (“) into an invisible control character, so a quotation's marks vanish.
 */
function windows1252(bytes: Uint8Array): string {
  const chars: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    chars.push(Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80]! : String.fromCharCode(b))).join(''));
  }
  return chars.join('');
}

function bomEncoding(bytes: Uint8Array): { label: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { label: 'utf-8', length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { label: 'utf-16be', length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { label: 'utf-16le', length: 2 };
  return undefined;
}

/** Bytes as Latin-1 characters: enough to read an ASCII declaration whatever the encoding. */
function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return text;
}

/** The charset a <meta> declares, from the page's start with its comments removed. */
export function declaredCharset(head: string): string | undefined {
  const text = head.replace(/<!--[\s\S]*?-->/g, '');
  for (const meta of text.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = meta[0];
    const charset = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (!charset) continue;
    // <meta charset=…> or <meta http-equiv="Content-Type" content="text/html; charset=…">
    if (/^<meta\s[^>]*\bcharset\s*=/i.test(tag) && !/\bcontent\s*=/i.test(tag)) return charset[1];
    if (/\bhttp-equiv\s*=\s*["']?\s*content-type/i.test(tag)) return charset[1];
  }
  return undefined;
}

function utf8Valid(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
