import { mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exporterFor, EXPORTERS } from '../core/export/formats';
import type { ExportArticle } from '../core/export/types';
import type { Output } from './output';
import { readablePairs, UsageError } from './sidecars';

export interface ExportCommand {
  readonly format: string;
  readonly out?: string;
  readonly includeOrphans: boolean;
  readonly bom: boolean;
  /** Replace existing files that the export would otherwise refuse to write over. */
  readonly force?: boolean;
  /** doccano's offset unit (codepoints or utf16), as given; checked by the exporter. */
  readonly offsets?: string;
}

/** `newsmark export --format F [--out PATH] PATH...` */
export async function exportTags(paths: readonly string[], command: ExportCommand, out: Output): Promise<number> {
  const exporter = exporterFor(command.format);
  if (!exporter) throw new UsageError(`unknown format "${command.format}" (one of ${EXPORTERS.map((e) => e.id).join(', ')}).`);
  const { pairs, failed } = await readablePairs(paths, (p) => out.error(`✗ ${p}`));
  const articles: ExportArticle[] = pairs.map((pair) => ({ name: basename(pair.articlePath), uri: pathToFileURL(pair.articlePath).href, text: pair.articleLf, tags: pair.sidecar.tags }));
  const names = articles.map((a) => a.name);
  const clash = names.find((n, i) => names.indexOf(n) !== i);
  if (clash) throw new UsageError(`two articles are named ${clash}; export them separately.`);
  const result = exporter.export(articles, { includeOrphans: command.includeOrphans, bom: command.bom });
  result.warnings.forEach((w) => out.error(`! ${w}`));

  if (exporter.singleFile && command.out === undefined) {
    for (const file of result.files) out.line(file.content);
    return failed ? 1 : 0;
  }
  const target = command.out ?? '.';
  // A single-file format may be given a file name; an existing folder, or a name without an
  // extension, is a folder.
  const isFolder = await stat(target).then((s) => s.isDirectory(), () => false);
  const isFile = exporter.singleFile && result.files.length === 1 && !isFolder && extname(target) !== '';
  for (const file of result.files) {
    const destination = isFile ? target : join(target, file.path);
    await mkdir(dirname(destination), { recursive: true });
    await writeFile(destination, file.content, 'utf8');
  }
  out.line(`${exporter.label}: ${articles.length} articles, ${result.files.length} ${result.files.length === 1 ? 'file' : 'files'} written to ${target} (offsets in ${exporter.unit}).`);
  return failed ? 1 : 0;
}
