// The HTML report as the VS Code preview shows it: the same renderer as the file export, under a
// CSP that allows only the extension's own stylesheet and the one inline style carrying this
// render's nonce. There is no script-src, so default-src 'none' blocks every script, inline or not:
// the page needs none, and article text is untrusted input.
import { randomBase64 } from '../random';
import { renderReport } from './html';
import type { Codebook } from '../codebook/index';
import type { ExportArticle } from './types';

export interface PreviewSources {
  /** The webview's `cspSource`: where its local resources are served from. */
  readonly cspSource: string;
  /** A fresh value per render (see newNonce), so an old nonce is worth nothing. */
  readonly nonce: string;
  /** The webview URI of media/preview.css, which maps the report's colours to the VS Code theme. */
  readonly styleUri: string;
}

/** 144 random bits, base64 (18 bytes: no padding). */
export function newNonce(): string {
  return randomBase64(18);
}

export function previewCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; img-src ${cspSource}`;
}

/**
 * A CSP goes into an attribute unescaped (escaping would hide its quotes from the tests that read
 * it); its source and nonce come from VS Code and newNonce, so anything odd is a bug, not input.
 */
export function checkWebviewSources(sources: { readonly cspSource: string; readonly nonce: string }): void {
  if (/["<>;,\r\n]/.test(sources.cspSource) || !/^[A-Za-z0-9+/=_-]{16,}$/.test(sources.nonce)) {
    throw new Error(`unexpected webview CSP source or nonce: ${JSON.stringify(sources)}`);
  }
}

export function previewPage(articles: readonly ExportArticle[], sources: PreviewSources, codebook?: Codebook): string {
  checkWebviewSources(sources);
  return renderReport(articles, { csp: previewCsp(sources.cspSource, sources.nonce), styleNonce: sources.nonce, stylesheets: [sources.styleUri] }, codebook);
}
