// Random ids and nonces from the Web Crypto generator, which Node (20+) and the browser's web
// worker both provide as globalThis.crypto: the same core runs in the CLI and on vscode.dev.

/** `count` random bytes as lowercase hex (2 digits a byte). */
export function randomHex(count: number): string {
  return [...randomBytes(count)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** `count` random bytes in base64. */
export function randomBase64(count: number): string {
  return btoa(String.fromCharCode(...randomBytes(count)));
}

function randomBytes(count: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(count));
}
