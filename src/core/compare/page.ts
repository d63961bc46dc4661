/**
 * The Compare Outlets page: three tabs (Figures, Quotes, Profile) drawn from an OutletComparison.
 * Article text reaches the page only as escaped text. The one script is Newsmark's own
 * (media/grid.js, shared with the Agreement Report, loaded under the page's nonce): it switches
 * tabs, moves through the tables by arrow keys and asks the extension to reveal a span. The CSP
 * allows nothing else.
 */
import * as l10n from '@vscode/l10n';
import { checkWebviewSources } from '../export/previewPage';
import { escapeHtml as esc } from '../htmlEscape';
import type { OutletComparison } from './comparison';
import { figuresTab } from './figuresTab';
import { profileTab } from './profileTab';
import { quotesTab } from './quotesTab';

export type CompareTab = 'figures' | 'quotes' | 'profile';

export interface ComparePageSources {
  readonly cspSource: string;
  readonly nonce: string;
  readonly styleUri: string;
  readonly scriptUri: string;
}

export function compareCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${cspSource}`;
}

export function comparePage(comparison: OutletComparison, sources: ComparePageSources): string {
  return comparePageAround(compareBody(comparison), sources);
}

/** The page around a body already drawn (the panel draws it once to see whether it changed). */
export function comparePageAround(body: string, sources: ComparePageSources): string {
  return webviewPage(l10n.t('Compare Outlets'), body, { ...sources, styleUris: [sources.styleUri] });
}

/**
 * The shell of Newsmark's scripted webview pages (Compare Outlets, the Agreement Report): the
 * strict CSP, our style sheets and our one script, both under the nonce, around a body, and an
 * empty live region in which the script announces a redraw's new summary to a screen reader.
 */
export function webviewPage(title: string, body: string, sources: { readonly cspSource: string; readonly nonce: string; readonly styleUris: readonly string[]; readonly scriptUri: string }): string {
  checkWebviewSources(sources);
  const { nonce } = sources;
  return `<!DOCTYPE html>
<html lang="${esc(pageLanguage())}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${compareCsp(sources.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
${sources.styleUris.map((u) => `<link rel="stylesheet" nonce="${nonce}" href="${esc(u)}">`).join('\n')}
</head>
<body>
<div id="announce" class="sr-only" role="status" aria-live="polite" aria-atomic="true"></div>
${body}
<script nonce="${nonce}" src="${esc(sources.scriptUri)}"></script>
</body>
</html>
`;
}

/**
 * The language the page is written in: the bundle's, when a translation is loaded (its language is
 * not told, so it is read from a message every bundle translates), else English.
 */
function pageLanguage(): string {
  return l10n.t('en');
}

/** The page's content; it changes only when what it shows changes (the nonce is outside it). */
export function compareBody(c: OutletComparison): string {
  const tabs: { id: CompareTab; label: string; badge: string; body: string }[] = [
    { id: 'figures', label: l10n.t('Figures'), badge: c.mismatches === 0 ? '' : c.mismatches === 1 ? l10n.t('1 mismatch') : l10n.t('{0} mismatches', c.mismatches), body: figuresTab(c) },
    { id: 'quotes', label: l10n.t('Quotes'), badge: c.clusters.length > 0 ? String(c.clusters.length) : '', body: quotesTab(c) },
    { id: 'profile', label: l10n.t('Profile'), badge: '', body: profileTab(c) },
  ];
  const altered = c.clusters.reduce((n, cl) => n + cl.members.filter((m) => m.verdict === 'altered').length, 0);
  const quotes = c.clusters.length === 1 ? l10n.t('1 shared quote') : l10n.t('{0} shared quotes', c.clusters.length);
  const summary = [
    c.articles === 1 ? l10n.t('1 tagged article') : l10n.t('{0} tagged articles', c.articles),
    c.outlets.length === 1 ? l10n.t('1 outlet') : l10n.t('{0} outlets', c.outlets.length),
    c.mismatches === 1 ? l10n.t('1 figure mismatch') : l10n.t('{0} figure mismatches', c.mismatches),
    altered > 0 ? l10n.t('{0} ({1} altered)', quotes, altered) : quotes,
  ].join(' · ');
  const heading = l10n.t('Compare outlets');
  return `<header>
<h1>${esc(heading)}</h1>
<p class="summary" id="summary">${esc(summary)}</p>
</header>
<main>
<div class="tabs" role="tablist" aria-label="${esc(heading)}">
${tabs.map((t, i) => `<button type="button" role="tab" id="tab-${t.id}" aria-controls="panel-${t.id}" aria-selected="${i === 0}" tabindex="${i === 0 ? 0 : -1}">${esc(t.label)}${t.badge ? ` <span class="badge${t.id === 'figures' ? ' k-mismatch' : ''}">${esc(t.badge)}</span>` : ''}</button>`).join('\n')}
</div>
<p class="help" id="grid-help">${l10n.t('Arrow keys move between cells, Home and End to the row\'s ends; Enter shows the span in its article.')}</p>
${tabs.map((t, i) => `<section role="tabpanel" id="panel-${t.id}" aria-labelledby="tab-${t.id}"${i === 0 ? '' : ' hidden'}>\n${t.body}\n</section>`).join('\n')}
</main>`;
}
