import * as l10n from '@vscode/l10n';
import { mkdir } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { DEFAULT_MAX_FILE_BYTES } from '../core/articleFile';
import { fromNativePath, NodeFileSystem } from '../core/fs/nodeFileSystem';
import { extractArticle, writeIngestedArticle, type PageMeta } from '../core/ingest/index';
import { describeError, readRegularFile } from './inputFile';
import type { Output } from './output';

export { useBundle } from './language';

export interface IngestCommand {
  /** The folder the articles go into (created if missing); the current folder by default. */
  readonly out?: string;
  readonly json: boolean;
}

type PageResult =
  | { page: string; ok: true; article: string; sidecar: string; details: PageMeta; warnings: string[] }
  | { page: string; ok: false; message: string };

/** `newsmark ingest [--out DIR] [--json] FILE.html...`: saved web pages → articles with their sidecars. */
export async function ingest(pages: readonly string[], command: IngestCommand, out: Output): Promise<number> {
  const folder = resolve(command.out ?? '.');
  const fs = new NodeFileSystem();
  const results: PageResult[] = [];
  let folderReady: Promise<unknown> | undefined;
  for (const page of pages) {
    const read = await readRegularFile(page);
    if (!read.ok) {
      results.push({ page, ok: false, message: `${page}: ${read.reason}` });
      continue;
    }
    const extracted = extractArticle(read.bytes, { maxBytes: DEFAULT_MAX_FILE_BYTES, sourceName: page });
    if (!extracted.ok) {
      results.push({ page, ok: false, message: extracted.message });
      continue;
    }
    try {
      folderReady ??= mkdir(folder, { recursive: true });
      await folderReady;
      const written = await writeIngestedArticle(fs, fromNativePath(folder), extracted, basename(page));
      results.push({ page, ok: true, article: written.articlePath, sidecar: written.sidecarPath, details: extracted.meta, warnings: extracted.warnings });
    } catch (error) {
      // One page's failure (a read-only folder, a full disk); the others are still written.
      results.push({ page, ok: false, message: l10n.t('{0}: not written — {1}', page, describeError(error)) });
    }
  }
  if (command.json) out.line(JSON.stringify(results, null, 2));
  else for (const result of results) report(result, out);
  return results.every((r) => r.ok) ? 0 : 1;
}

function report(result: PageResult, out: Output): void {
  if (!result.ok) {
    out.error(`✗ ${result.message}`);
    return;
  }
  out.line(`${result.page} → ${result.article} (+ ${basename(result.sidecar)})`);
  const { outlet, published, url, headline, byline } = result.details;
  const found = Object.entries({ outlet, published, byline, url, headline }).filter(([, v]) => v !== undefined);
  // The details under the sidecar's own names (outlet, published, …), as the sidecar has them.
  out.line(`  ${found.length > 0 ? found.map(([k, v]) => `${k}: ${v}`).join('\n  ') : l10n.t('no outlet, date or address found in the page')}`);
  for (const warning of result.warnings) out.line(`  ! ${warning}`);
}
