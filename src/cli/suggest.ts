import * as l10n from '@vscode/l10n';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { decodeArticle, isProjectDocument } from '../core/articleFile';
import { reattach } from '../core/anchor/reattach';
import { categoryOf } from '../core/codebook';
import { articleNameFor, isSidecarName } from '../core/sidecar';
import { sidecarFromBytes } from '../core/sidecarUpdate';
import { suggestTags } from '../core/suggest';
import type { Suggestion } from '../core/suggest/types';
import { reasonText } from '../core/suggest/reasonText';
import { ArticleText, newTagId, type Tag } from '../core/tag';
import { SUGGESTED_BY } from '../core/tagStore';
import { toLf } from '../core/textIndex';
import { describeError, readRegularFile } from './inputFile';
import type { Output } from './output';
import { updateSidecarFile } from './sidecars';
import { UsageError } from './corpusFiles';

/** Files a folder scan takes for articles (tagged articles of any name are found by their sidecars). */
const ARTICLE_NAME = /\.(txt|md)$/i;

/**
 * `newsmark suggest [--json] [--write] PATH...`: rule-based suggestions per article, tagged or not.
 * --write adds them as tags by newsmark-suggest through the guarded writer, creating the sidecar
 * when there is none.
 */
export async function suggest(paths: readonly string[], options: { json: boolean; write: boolean }, out: Output): Promise<number> {
  const report: { article: string; suggestions: readonly Suggestion[] }[] = [];
  let failed = false;
  const fail = (problem: string): void => {
    out.error(`✗ ${problem}`);
    failed = true;
  };
  /** One article: its suggestions reported (and with --write, written), or its one problem line. */
  const suggestOne = async (articlePath: string): Promise<void> => {
    const article = await readArticle(articlePath);
    if ('problem' in article) {
      fail(article.problem);
      return;
    }
    const lf = article.lf;
    if (options.write) {
      let suggestions: readonly Suggestion[] = [];
      const written = await updateSidecarFile(articlePath, {
        articleLf: lf,
        create: true,
        // Asked with the file's tags already found again in today's text: no suggestion repeats one.
        change: (tags, file) => {
          suggestions = suggestTags(lf, { existing: tags, rejected: file?.rejected ?? [] });
          return suggestions.length > 0 ? [...tags, ...asTags(lf, suggestions, tags)] : undefined;
        },
      });
      if (!written.ok) fail(written.problem);
      else report.push({ article: articlePath, suggestions });
      return;
    }
    const sidecarPath = `${articlePath}.tags.yaml`;
    const sidecarRead = await readRegularFile(sidecarPath);
    if (!sidecarRead.ok && !sidecarRead.missing) {
      fail(`${sidecarPath}: ${sidecarRead.reason}`);
      return;
    }
    const read = sidecarFromBytes(sidecarPath, sidecarRead.ok ? sidecarRead.bytes : 'missing');
    if (read.kind === 'refused') {
      fail(read.problem);
      return;
    }
    const tags = read.kind === 'ok' ? reattach(lf, read.sidecar.sha256, read.sidecar.tags).tags : [];
    report.push({ article: articlePath, suggestions: suggestTags(lf, { existing: tags, rejected: read.kind === 'ok' ? read.sidecar.rejected : [] }) });
  };
  for (const articlePath of await findArticles(paths, (notice) => out.error(notice))) {
    try {
      await suggestOne(articlePath);
    } catch (error) {
      fail(`${articlePath}: ${describeError(error)}`); // this article's line; the next one goes on
    }
  }
  if (options.json) {
    out.line(JSON.stringify(report.map((r) => ({ article: r.article, suggestions: r.suggestions })), null, 2));
  } else {
    for (const r of report) {
      out.line(options.write && r.suggestions.length > 0 ? l10n.t('{0}: {1} suggestions (written as tags by newsmark-suggest)', basename(r.article), r.suggestions.length) : l10n.t('{0}: {1} suggestions', basename(r.article), r.suggestions.length));
      for (const s of r.suggestions) out.line(`    ${categoryOf(s.category).label.padEnd(17)} ${String(s.start).padStart(6)}–${String(s.end).padEnd(6)} ${JSON.stringify(s.text)}  (${reasonText(s.reason)})`);
    }
  }
  return failed ? 1 : 0;
}

function asTags(lf: string, suggestions: readonly Suggestion[], existing: readonly Tag[]): Tag[] {
  const article = new ArticleText(lf);
  const taken = new Set(existing.map((t) => t.id));
  const created = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return suggestions.map((s) => {
    const id = newTagId(taken);
    taken.add(id);
    return { id, category: s.category, start: s.start, end: s.end, text: s.text, ...article.contextOf(s.start, s.end), author: SUGGESTED_BY, created };
  });
}

/**
 * PATH arguments → article paths: an article (with or without a sidecar), the article of a
 * sidecar, or under a folder every .txt/.md file and every article that has a sidecar — not dot
 * files or folders, not node_modules, not symbolic links or untagged project documents (README,
 * LICENSE…; each named to `notice`).
 */
async function findArticles(paths: readonly string[], notice: (message: string) => void): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new UsageError(l10n.t('{0}: no such file or folder.', path));
    if (!info.isDirectory()) {
      found.push(isSidecarName(basename(path)) ? join(path, '..', articleNameFor(basename(path))) : path);
      continue;
    }
    const inFolder: string[] = [];
    const entries = await readdir(path, { withFileTypes: true, recursive: true });
    const tagged = new Set(entries.filter((e) => isSidecarName(e.name)).map((e) => join(e.parentPath, articleNameFor(e.name))));
    for (const e of entries) {
      const where = relative(path, e.parentPath);
      if (e.name.startsWith('.') || (where !== '' && where.split(sep).some((part) => part.startsWith('.') || part === 'node_modules'))) continue;
      if (!isSidecarName(e.name) && !ARTICLE_NAME.test(e.name)) continue;
      if (e.isSymbolicLink()) notice(l10n.t('skipped symlink {0}', join(e.parentPath, e.name)));
      else if (isProjectDocument(e.name) && !tagged.has(join(e.parentPath, e.name))) notice(l10n.t('skipped {0}: a project document, not an article (name it to suggest on it)', join(e.parentPath, e.name)));
      // A FIFO, socket or device named like an article, or anything named like a sidecar, is listed so that it is reported, not skipped.
      else if (isSidecarName(e.name) || !e.isDirectory()) inFolder.push(join(e.parentPath, isSidecarName(e.name) ? articleNameFor(e.name) : e.name));
    }
    found.push(...inFolder.sort());
  }
  return [...new Set(found)];
}

async function readArticle(path: string): Promise<{ lf: string } | { problem: string }> {
  const read = await readRegularFile(path);
  if (!read.ok && read.missing) return { problem: l10n.t('{0}: no such article (a sidecar without its article is left as it is).', path) };
  if (!read.ok) return { problem: `${path}: ${read.reason}` };
  const decoded = decodeArticle(read.bytes, path);
  return decoded.ok ? { lf: toLf(decoded.text) } : { problem: decoded.reason };
}
