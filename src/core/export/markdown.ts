// A Markdown summary: per article its counts, then the tagged passages as quotes grouped by
// category, each followed by its note. Article text is escaped so it renders as the text it is.
import * as l10n from '@vscode/l10n';
import { CATEGORIES, categoryOf } from '../codebook';
import { ArticleText, isOrphan, type Tag } from '../tag';
import { exportAll, wholeSpool, type OpenStream } from './stream';
import type { ExportArticle, Exporter } from './types';

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

// Double quotation marks of the world's styles, opening or closing (“ ” „ « » 「 」 and the
// straight one). Single ones are not: a quote inside the quotation (‘scare quotes’) or an
// apostrophe ending a word (the players') is not the quotation's own mark.
const OPENS_QUOTE = /^["“”„‟«»「〝＂]/u;
const CLOSES_QUOTE = /["“”„‟«»」〞〟＂]$/u;

/**
 * The tag's text between quotation marks, adding only the marks it does not have: a tag that
 * is a quotation already (“We deny…”) would otherwise show them twice.
 */
export function quoted(text: string): string {
  return `${OPENS_QUOTE.test(text) ? '' : '“'}${text}${CLOSES_QUOTE.test(text) ? '' : '”'}`;
}

/** `> “text”` (every line quoted, blank lines as `>`), then `— ` with the verdict and the note. */
function quote(text: string, tag: Tag): string {
  const lines = escapeBlock(quoted(text)).map((l) => (l === '' ? '>' : `> ${l}`));
  const review = tag.review === 'confirmed' ? l10n.t('confirmed') : tag.review === 'disputed' ? l10n.t('disputed') : undefined;
  const extras = [review, tag.status === 'fuzzy' ? l10n.t('fuzzy match') : undefined].filter(Boolean).map((s) => `*${s}*`);
  const note = tag.note ? escapeBlock(tag.note) : [];
  if (note.length > 0 || extras.length > 0) {
    const first = [...extras, note[0] ?? ''].filter((s) => s !== '').join(' · ');
    lines.push('', `— ${first}`, ...note.slice(1));
  }
  return lines.join('\n');
}

/** Placed tags per category. */
type Tally = Record<Tag['category'], number>;

function tally(tags: readonly Tag[], into: Tally = Object.fromEntries(CATEGORIES.map((c) => [c.id, 0])) as Tally): Tally {
  for (const t of tags) into[t.category]++;
  return into;
}

function counts(byCategory: Readonly<Tally>, orphans: number): string {
  const placed = CATEGORIES.reduce((n, c) => n + byCategory[c.id], 0);
  const parts = CATEGORIES.map((c) => `${c.label}: ${byCategory[c.id]}`);
  if (orphans > 0) parts.push(l10n.t('orphaned: {0}', orphans));
  return placed === 1 ? l10n.t('1 tag ({0})', parts.join(' · ')) : l10n.t('{0} tags ({1})', placed, parts.join(' · '));
}

function articleSection(article: ExportArticle): string {
  const placed = article.tags.filter((t) => !isOrphan(t));
  const orphans = article.tags.filter(isOrphan);
  const text = new ArticleText(article.text);
  const out = [`## ${markdownHeadingText(article.name)}`, '', counts(tally(placed), orphans.length)];
  for (const category of CATEGORIES) {
    const tags = placed.filter((t) => t.category === category.id);
    if (tags.length === 0) continue;
    out.push('', `### ${category.label}`);
    for (const tag of tags) out.push('', quote(text.slice(tag.start, tag.end), tag));
  }
  if (orphans.length > 0) {
    out.push('', `### ${l10n.t('Orphaned')}`, '', l10n.t('Not found in the current text (run `newsmark check`); their last known text:'));
    for (const tag of orphans) out.push('', `**${categoryOf(tag.category).label}**`, '', quote(tag.text, tag));
  }
  return out.join('\n');
}

export function renderMarkdown(articles: readonly ExportArticle[]): string {
  return exportAll(openMarkdown, articles, { includeOrphans: false, bom: false }).files[0]!.content;
}

/** Sections spooled as they come; the summary line above them made at the end from running counts. */
const openMarkdown: OpenStream = (_options, spool) => {
  const sections = spool();
  const byCategory = tally([]);
  let articles = 0;
  let orphans = 0;
  return {
    add(article) {
      sections.write(`\n\n${articleSection(article)}`);
      tally(article.tags.filter((t) => !isOrphan(t)), byCategory);
      orphans += article.tags.filter(isOrphan).length;
      articles++;
    },
    finish() {
      const total = counts(byCategory, orphans);
      const head = [`# ${l10n.t('Newsmark summary')}`, '', articles === 1 ? l10n.t('1 article, {0}.', total) : l10n.t('{0} articles, {1}.', articles, total)].join('\n');
      return { files: [{ path: 'summary.md', pieces: [head, wholeSpool(sections), '\n'] }], warnings: [] };
    },
  };
};

export const markdownExporter: Exporter = {
  id: 'md',
  get label() { return l10n.t('Markdown summary'); },
  unit: 'none',
  singleFile: true,
  defaultFileName: 'summary.md',
  open: openMarkdown,
  export: (articles, options) => exportAll(openMarkdown, articles, options),
};
