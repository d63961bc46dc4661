import * as l10n from '@vscode/l10n';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Codebook } from '../core/codebook/index';
import type { ArticleCodes } from '../core/details';
import type { ImportedCodes } from '../core/export/types';
import { decodeArticle } from '../core/articleFile';
import { reattach } from '../core/anchor/reattach';
import { importerFor, IMPORTERS } from '../core/export/formats';
import { parseLabelMap, placeImported } from '../core/export/place';
import { isSidecarName, sidecarNameFor } from '../core/sidecar';
import { sidecarFromBytes, type FileRead, type UpdateResult } from '../core/sidecarUpdate';
import { newTagId, type Tag } from '../core/tag';
import { toLf } from '../core/textIndex';
import { corpusCodebook } from './codebook';
import { offsetChoice } from './export';
import { describeError, readRegularFile } from './inputFile';
import type { Output } from './output';
import { updateSidecarFile } from './sidecars';
import { UsageError } from './corpusFiles';

export interface ImportCommand {
  readonly format: string;
  readonly maps: readonly string[];
  /** Where the corpus's articles are (searched recursively by file name). */
  readonly articles: string;
  /** doccano only: `utf16` (the default) or `codepoints`. */
  readonly offsets?: string;
}

/** `newsmark import --format F [--map a=b] [--articles DIR] PATH...`: other tools' files → sidecars of existing articles. */
export async function importTags(paths: readonly string[], command: ImportCommand, out: Output): Promise<number> {
  const importer = importerFor(command.format);
  if (!importer) throw new UsageError(l10n.t('unknown format "{0}" (one of {1}).', command.format, IMPORTERS.map((i) => i.id).join(', ')));
  const { map, problems: mapProblems } = parseLabelMap(command.maps);
  if (mapProblems.length > 0) throw new UsageError(mapProblems.join('\n'));
  const offsets = offsetChoice(command);

  const inputs = new Map<string, string>();
  const unreadInputs: string[] = [];
  for (const path of paths) {
    for (const file of await filesUnder(path)) {
      const read = await readRegularFile(file);
      if (read.ok) inputs.set(file, read.bytes.toString('utf8'));
      else unreadInputs.push(`${file}: ${read.reason}`);
    }
  }
  const corpus = await articleIndex(command.articles);
  const texts = new Map<string, string>();
  const existing = new Map<string, readonly Tag[]>();
  /** Articles whose sidecar cannot be read, with why: nothing is imported into them. */
  const refused = new Map<string, string>();
  const articleText = (name: string): string | undefined => texts.get(name);
  for (const [name, [path, ...others]] of corpus) {
    const bytes = await readInput(path!);
    const decoded = bytes instanceof Uint8Array ? decodeArticle(bytes, name) : undefined;
    if (!decoded?.ok) continue;
    const lf = toLf(decoded.text);
    texts.set(name, lf);
    if (others.length > 0) continue; // which one is meant is not known: refused below if a record names it
    const sidecarPath = join(path!, '..', sidecarNameFor(name));
    const sidecar = sidecarFromBytes(sidecarPath, await readInput(sidecarPath));
    if (sidecar.kind === 'refused') refused.set(name, sidecar.problem);
    // Found again in today's text first, so duplicates are recognised where the tags are now.
    else if (sidecar.kind === 'ok') existing.set(name, reattach(lf, sidecar.sidecar.sha256, sidecar.sidecar.tags).tags);
  }

  const read = importer.read(inputs, articleText, [...texts.keys()], offsets ? { offsets } : {});
  const problems = [...unreadInputs, ...read.problems];
  const ambiguous = new Map<string, number>();
  const spans = read.spans.filter((span) => {
    if ((corpus.get(span.article)?.length ?? 0) < 2) return true;
    ambiguous.set(span.article, (ambiguous.get(span.article) ?? 0) + 1);
    return false;
  });
  for (const [name, count] of ambiguous) {
    const paths = corpus.get(name)!;
    problems.push(count === 1
      ? l10n.t('{0}: {1} articles have this name under {2} ({3}); 1 span was not imported — give --articles the one folder that holds the right {0}', name, paths.length, command.articles, paths.join(', '))
      : l10n.t('{0}: {1} articles have this name under {2} ({3}); {4} spans were not imported — give --articles the one folder that holds the right {0}', name, paths.length, command.articles, paths.join(', '), count));
  }
  const codebook = await corpusCodebook(command.articles, out);
  const placed = placeImported(spans, { articleText, existingTags: (n) => existing.get(n) ?? [], labelMap: map, codebook });
  problems.push(...placed.problems);
  const codes = codesByArticle(read.codes ?? [], codebook, texts, problems);
  let written = 0;
  let sidecars = 0;
  for (const name of [...new Set([...placed.tags.keys(), ...codes.keys()])]) {
    const tags = placed.tags.get(name) ?? [];
    const problem = refused.get(name);
    if (problem) {
      problems.push(l10n.t('{0} Nothing was imported into it; fix it and import again.', problem));
      continue;
    }
    const imported = codes.get(name);
    const result = await updateSidecarFile(corpus.get(name)![0]!, {
      articleLf: texts.get(name)!,
      create: true,
      change: (current) => (tags.length > 0 ? [...current, ...withFreeIds(tags, current)] : undefined),
      ...(imported ? { codes: (current: ArticleCodes | undefined): ArticleCodes => ({ ...(current ?? {}), ...imported }) } : {}),
    })
      .catch((error: unknown): UpdateResult => ({ ok: false, problem: l10n.t('{0}: not changed — {1}.', join(corpus.get(name)![0]!, '..', sidecarNameFor(name)), describeError(error)) })); // one article's failure; the others go on
    if (!result.ok) problems.push(l10n.t('{0} Nothing was imported into it.', result.problem));
    else {
      written += tags.length;
      sidecars++;
    }
  }
  for (const p of problems) out.error(`✗ ${p}`);
  for (const note of read.notes ?? []) out.error(note);
  const c = placed.counts;
  const skipped = c.skipped + [...ambiguous.values()].reduce((a, b) => a + b, 0);
  out.line(codes.size === 0
    ? l10n.t('{0}: {1} tags imported into {2} sidecars ({3} at their offsets, {4} found again, {5} fuzzy), {6} skipped.', importer.label, written, sidecars, c.exact, c.reattached, c.fuzzy, skipped)
    : codes.size === 1
      ? l10n.t('{0}: {1} tags and the codes of 1 article imported into {2} sidecars ({3} at their offsets, {4} found again, {5} fuzzy), {6} skipped.', importer.label, written, sidecars, c.exact, c.reattached, c.fuzzy, skipped)
      : l10n.t('{0}: {1} tags and the codes of {7} articles imported into {2} sidecars ({3} at their offsets, {4} found again, {5} fuzzy), {6} skipped.', importer.label, written, sidecars, c.exact, c.reattached, c.fuzzy, skipped, codes.size));
  return problems.length > 0 ? 1 : 0;
}

/**
 * Imported article codes per article name: a code the codebook says takes several values is a
 * list, one that takes one (or an unknown code with one value) is that value.
 */
function codesByArticle(imported: readonly ImportedCodes[], codebook: Codebook, texts: ReadonlyMap<string, string>, problems: string[]): Map<string, Record<string, string | readonly string[]>> {
  const byArticle = new Map<string, Record<string, string | readonly string[]>>();
  for (const { article, code, values } of imported) {
    if (!texts.has(article)) {
      problems.push(l10n.t('{0}: no article with this name in the corpus; its {1} not imported', article, code));
      continue;
    }
    const multiple = codebook.codes.find((c) => c.id === code)?.multiple ?? values.length > 1;
    const entry = byArticle.get(article) ?? {};
    entry[code] = multiple ? values : values[0] ?? '';
    if (!multiple && values.length === 0) delete entry[code];
    byArticle.set(article, entry);
  }
  return byArticle;
}

/** Our new tags keep their ids unless another writer used one since we looked. */
function withFreeIds(tags: readonly Tag[], current: readonly Tag[]): Tag[] {
  const taken = new Set([...current, ...tags].map((t) => t.id));
  const inFile = new Set(current.map((t) => t.id));
  return tags.map((t) => {
    if (!inFile.has(t.id)) return t;
    const id = newTagId(taken);
    taken.add(id);
    return { ...t, id };
  });
}

/** A corpus file read only if it is a regular file (a FIFO never blocks the run), as the guarded writer's reads say it. */
async function readInput(path: string): Promise<FileRead> {
  const read = await readRegularFile(path);
  return read.ok ? read.bytes : read.missing ? 'missing' : new Error(read.reason.split(';')[0]); // the writer's message says it is left alone
}

async function filesUnder(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UsageError(l10n.t('{0}: no such file or folder.', path));
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

/** Article file name → its paths (more than one: ambiguous), for every file under the folder that is not a sidecar. */
async function articleIndex(folder: string): Promise<Map<string, string[]>> {
  const index = new Map<string, string[]>();
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => {
    throw new UsageError(l10n.t('{0}: no such folder (give the articles\' folder with --articles).', folder));
  });
  for (const e of entries) {
    if (!e.isFile() || isSidecarName(e.name) || e.name.startsWith('.') || e.parentPath.includes('node_modules')) continue;
    index.set(e.name, [...(index.get(e.name) ?? []), join(e.parentPath, e.name)].sort());
  }
  return index;
}

