// A Markdown summary: per article its counts, then the tagged passages as quotes grouped by
// category, each followed by its note. Article text is escaped so it renders as the text it is.
import { CATEGORIES, categoryOf } from '../codebook';
import { ArticleText, isOrphan, type Tag } from '../tag';
import type { ExportArticle, ExportResult, Exporter } from './types';

/**
 * Escapes one line of text for CommonMark: inline syntax everywhere (emphasis, code, links,
 * HTML, entities, tables, strikethrough), block syntax at the start of the line (headings,
 * quotes, lists, rules), and leading spaces, which would otherwise make an indented code block.
 */
export function escapeMarkdownLine(line: string): string {
  let out = line.replace(/[\\`*_[\]<>&|~]/g, (c) => `\\${c}`);
  out = out.replace(/^([#>+\-=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
  const lead = /^[ \t]+/.exec(out)?.[0] ?? '';
  return lead.replace(/\t/g, '&#9;').replace(/ /g, '&#32;') + out.slice(lead.length);
}

/**
 * An article's file name as one line of heading text: a file name may hold line breaks, which
 * would start new Markdown blocks, so control characters are shown as their Control Pictures
 * (LF as ␊) or as U+XXXX; every `#` is escaped, since a trailing ` #` closes an ATX heading.
 */
export function markdownHeadingText(name: string): string {
  const visible = name.replace(/[\p{Cc}\u2028\u2029]/gu, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
  return escapeMarkdownLine(visible).replace(/(^|[^\\])#/g, '$1\\#').replace(/(^|[^\\])#/g, '$1\\#');
}

/** Escaped lines, joined with hard line breaks (a trailing backslash) so the text keeps its line breaks. */
function escapeBlock(text: string): string[] {
  const lines = text.split('\n').map(escapeMarkdownLine);
  return lines.map((l, i) => (i + 1 < lines.length && l !== '' && lines[i + 1] !== '' ? `${l}\\` : l));
}

/** `> “text”` (every line quoted, blank lines as `>`), then `— ` with the verdict and the note. */
function quote(text: string, tag: Tag): string {
  const lines = escapeBlock(`“${text}”`).map((l) => (l === '' ? '>' : `> ${l}`));
  const extras = [tag.review, tag.status === 'fuzzy' ? 'fuzzy match' : undefined].filter(Boolean).map((s) => `*${s}*`);
  const note = tag.note ? escapeBlock(tag.note) : [];
  if (note.length > 0 || extras.length > 0) {
    const first = [...extras, note[0] ?? ''].filter((s) => s !== '').join(' · ');
    lines.push('', `— ${first}`, ...note.slice(1));
  }
  return lines.join('\n');
}

function counts(placed: readonly Tag[], orphans: number): string {
  const parts = CATEGORIES.map((c) => `${c.label}: ${placed.filter((t) => t.category === c.id).length}`);
  if (orphans > 0) parts.push(`orphaned: ${orphans}`);
  return `${placed.length} ${placed.length === 1 ? 'tag' : 'tags'} (${parts.join(' · ')})`;
}

function articleSection(article: ExportArticle): string {
  const placed = article.tags.filter((t) => !isOrphan(t));
  const orphans = article.tags.filter(isOrphan);
  const text = new ArticleText(article.text);
  const out = [`## ${markdownHeadingText(article.name)}`, '', counts(placed, orphans.length)];
  for (const category of CATEGORIES) {
    const tags = placed.filter((t) => t.category === category.id);
    if (tags.length === 0) continue;
    out.push('', `### ${category.label}`);
    for (const tag of tags) out.push('', quote(text.slice(tag.start, tag.end), tag));
  }
  if (orphans.length > 0) {
    out.push('', '### Orphaned', '', 'Not found in the current text (run `newsmark check`); their last known text:');
    for (const tag of orphans) out.push('', `**${categoryOf(tag.category).label}**`, '', quote(tag.text, tag));
  }
  return out.join('\n');
}

export function renderMarkdown(articles: readonly ExportArticle[]): string {
  const placed = articles.flatMap((a) => a.tags).filter((t) => !isOrphan(t));
  const orphans = articles.reduce((n, a) => n + a.tags.filter(isOrphan).length, 0);
  const head = ['# Newsmark summary', '', `${articles.length} ${articles.length === 1 ? 'article' : 'articles'}, ${counts(placed, orphans)}.`];
  return [head.join('\n'), ...articles.map(articleSection)].join('\n\n') + '\n';
}

export const markdownExporter: Exporter = {
  id: 'md',
  label: 'Markdown summary',
  unit: 'none',
  singleFile: true,
  defaultFileName: 'summary.md',
  export(articles): ExportResult {
    return { files: [{ path: 'summary.md', content: renderMarkdown(articles) }], warnings: [] };
  },
};
