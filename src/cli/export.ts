import * as l10n from '@vscode/l10n';
import { lstat, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exporterFor, EXPORTERS, offsetsPhrase } from '../core/export/formats';
import { relativeArticlePaths } from '../core/export/names';
import type { Piece } from '../core/export/stream';
import type { Exporter, OffsetChoice } from '../core/export/types';
import { ExportWriteError, writeExport, type ExportTarget } from '../core/exportWriter';
import { NodeFileSystem } from '../core/fs/nodeFileSystem';
import { articleNameFor } from '../core/sidecar';
import { withParseCache } from './cache';
import { corpusCodebook } from './codebook';
import type { Output } from './output';
import { chunksOf, SpoolFolder, writeChunksToDisk } from './exportSpool';
import { eachReadablePair, portPathOf } from './sidecars';
import { firstSidecarUnder, UsageError } from './corpusFiles';

export interface ExportCommand {
  readonly format: string;
  readonly out?: string;
  readonly includeOrphans: boolean;
  readonly bom: boolean;
  /** Replace existing files in the output (never articles or sidecars). */
  readonly force?: boolean;
  /** doccano only: `utf16` (the default) or `codepoints`. */
  readonly offsets?: string;
  /** false: --no-cache. */
  readonly cache?: boolean;
}

/** `newsmark export --format F [--out PATH] [--force] PATH...` */
export async function exportTags(paths: readonly string[], command: ExportCommand, out: Output): Promise<number> {
  const exporter = exporterFor(command.format);
  if (!exporter) throw new UsageError(l10n.t('unknown format "{0}" (one of {1}).', command.format, EXPORTERS.map((e) => e.id).join(', ')));
  const offsets = offsetChoice(command);
  // Without --out a multi-file format used to write into the current folder — often the
  // articles' own folder, where it replaced articles: it needs a folder named on purpose.
  if (!exporter.singleFile && command.out === undefined) throw new UsageError(l10n.t('{0} writes several files: name a new or empty folder with --out.', exporter.id));
  // Its copies of the articles, written among tagged articles, would be taken for articles there
  // (by suggest --write, import --articles, the editor's Suggest Tags).
  const tagged = exporter.singleFile ? undefined : firstSidecarUnder(command.out!);
  if (tagged !== undefined) throw new UsageError(l10n.t('{0} holds tagged articles ({1}); {2} writes copies of the articles, which would be taken for articles there: name a new or empty folder with --out.', command.out!, tagged, exporter.id));
  const spools = new SpoolFolder();
  try {
    return await streamedExport(paths, command, exporter, offsets, spools, out);
  } finally {
    spools.dispose();
  }
}

/**
 * The export article by article: each pair is handed to the format's stream as it is read and
 * dropped; what the files still need at the end is in the spools. Kept per article: its path.
 */
async function streamedExport(paths: readonly string[], command: ExportCommand, exporter: Exporter, offsets: OffsetChoice | undefined, spools: SpoolFolder, out: Output): Promise<number> {
  const codebook = paths.length > 0 ? await corpusCodebook(paths[0]!, out) : undefined;
  const stream = exporter.open({ includeOrphans: command.includeOrphans, bom: command.bom, ...(offsets ? { offsets } : {}), ...(codebook ? { codebook } : {}) }, spools.make);
  const exported: string[] = [];
  const { failed, sidecars } = await withParseCache(paths, command.cache ?? true, (cache) => eachReadablePair(paths, (p) => out.error(`✗ ${p}`), (p) => out.error(`✗ ${p}`), cache, (pair) => {
    exported.push(portPath(pair.articlePath));
    stream.add({ name: basename(pair.articlePath), uri: pathToFileURL(pair.articlePath).href, text: pair.articleLf, tags: pair.sidecar.tags, ...(pair.sidecar.details.codes ? { codes: pair.sidecar.details.codes } : {}) });
  }));
  const result = stream.finish(relativeArticlePaths(exported));
  result.warnings.forEach((w) => out.error(`! ${w}`));
  const said = offsetsPhrase(offsets === 'codepoints' ? 'code points' : exporter.unit);

  if (command.out === undefined) {
    for (const file of result.files) await printFile(file.pieces, out);
    return failed ? 1 : 0;
  }
  const target = await targetOf(command.out, exporter.singleFile && result.files.length === 1);
  // Every sidecar named or found, readable or not, and its article: never written over.
  const protect = (function* () {
    for (const s of sidecars) yield* [portPath(s), portPath(join(dirname(s), articleNameFor(basename(s))))];
  })();
  try {
    const files = result.files.map((f) => ({ path: f.path, chunks: () => chunksOf(f.pieces) }));
    await writeExport(new NodeFileSystem(), files, target, { force: command.force ?? false, protect, writeChunks: writeChunksToDisk });
  } catch (error) {
    if (!(error instanceof ExportWriteError)) throw error;
    out.error(`✗ ${error.message}`);
    return 1;
  }
  const files = result.files.length;
  out.line(said === undefined
    ? (files === 1 ? l10n.t('{0}: {1} articles, 1 file written to {2}.', exporter.label, exported.length, command.out) : l10n.t('{0}: {1} articles, {2} files written to {3}.', exporter.label, exported.length, files, command.out))
    : (files === 1 ? l10n.t('{0}: {1} articles, 1 file written to {2} ({3}).', exporter.label, exported.length, command.out, said) : l10n.t('{0}: {1} articles, {2} files written to {3} ({4}).', exporter.label, exported.length, files, command.out, said)));
  return failed ? 1 : 0;
}

/** A file on standard output, as `out.line(content)` printed it: its bytes as they are read back, then a line break. */
async function printFile(pieces: readonly Piece[], out: Output): Promise<void> {
  if (!out.write) {
    const parts: string[] = [];
    for await (const chunk of chunksOf(pieces)) parts.push(Buffer.from(chunk).toString('utf8'));
    out.line(parts.join(''));
    return;
  }
  // A byte-order mark the export asked for (--bom) is text to print, not a mark to drop.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for await (const chunk of chunksOf(pieces)) await out.write(decoder.decode(chunk, { stream: true }));
  await out.write(`${decoder.decode()}\n`);
}

/**
 * A single-file format may be given a file name: anything that exists and is not a folder (the
 * writer then refuses what is not a regular file), or a new name with an extension.
 */
async function targetOf(given: string, oneFile: boolean): Promise<ExportTarget> {
  const path = portPath(given);
  if (!oneFile) return { kind: 'folder', path };
  const existing = await lstat(given).then((s) => (s.isSymbolicLink() ? stat(given).catch(() => s) : s), () => undefined);
  if (existing) return existing.isDirectory() ? { kind: 'folder', path } : { kind: 'file', path };
  return extname(given) !== '' ? { kind: 'file', path } : { kind: 'folder', path };
}

/** The export writer works on port paths: absolute and '/'-separated. */
function portPath(path: string): string {
  return portPathOf(path);
}

/** `--offsets` of export and import: doccano only, `utf16` or `codepoints`. */
export function offsetChoice(command: { readonly format: string; readonly offsets?: string }): OffsetChoice | undefined {
  if (command.offsets === undefined) return undefined;
  if (command.format !== 'doccano') throw new UsageError(l10n.t('--offsets applies to doccano only (every other format has one unit).'));
  if (command.offsets !== 'utf16' && command.offsets !== 'codepoints') throw new UsageError(l10n.t('--offsets is utf16 (the default, as doccano counts) or codepoints (Python string indices), not "{0}".', command.offsets));
  return command.offsets;
}
