// Small pieces of markup the three tabs share.
import { escapeHtml as esc } from '../htmlEscape';

/**
 * The attributes that make an element a stop in a table's arrow-key navigation. A label only for
 * a stop without words of its own (an empty cell): otherwise screen readers read the visible words,
 * with the row and column headers of the grid, and any context in a `srOnly` span.
 */
export function navStop(label: string | null, reveal?: { readonly article: string; readonly id: string }): string {
  const target = reveal ? ` data-article="${esc(reveal.article)}" data-id="${esc(reveal.id)}"` : '';
  return `data-nav tabindex="-1"${label === null ? '' : ` aria-label="${esc(label)}"`}${target}`;
}

/** Words for screen readers only. */
export function srOnly(text: string): string {
  return `<span class="sr-only">${esc(text)}</span>`;
}
