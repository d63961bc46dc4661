import * as l10n from '@vscode/l10n';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Codebook } from '../core/codebook/index';
import type { ArticleCodes } from '../core/details';
import type { ImportedCodes } from '../core/export/types';
import { importerFor, IMPORTERS } from '../core/export/formats';
import { parseLabelMap, placeImported } from '../core/export/place';
import type { UpdateResult } from '../core/sidecarUpdate';
import { newTagId, type Tag } from '../core/tag';
import { corpusCodebook } from './codebook';
import { offsetChoice } from './export';
import { describeError, readRegularFile } from './inputFile';
import type { Output } from './output';
import { updateSidecarFile } from './sidecars';
import { CorpusArticles } from './importArticles';
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
  const corpus = await CorpusArticles.read(command.articles, importer.recordedPaths?.(inputs) ?? []);
  const read = importer.read(inputs, (reference) => corpus.text(reference), corpus.references(), offsets ? { offsets } : {});
  const problems = [...unreadInputs, ...read.problems];
  const { spans, left } = corpus.placeable(read.spans, problems);
  const codebook = await corpusCodebook(command.articles, out);
  const placed = placeImported(spans, { articleText: (path) => corpus.textAt(path), existingTags: (path) => corpus.existingTags(path), labelMap: map, codebook });
  problems.push(...placed.problems);
  const codes = codesByArticle(read.codes ?? [], codebook, corpus, problems);
  let written = 0;
  let sidecars = 0;
  for (const path of [...new Set([...placed.tags.keys(), ...codes.keys()])]) {
    const tags = placed.tags.get(path) ?? [];
    const problem = corpus.refused.get(path);
    if (problem) {
      problems.push(l10n.t('{0} Nothing was imported into it; fix it and import again.', problem));
      continue;
    }
    const imported = codes.get(path);
    const article = join(command.articles, path);
    const result = await updateSidecarFile(article, {
      articleLf: corpus.textAt(path)!,
      create: true,
      change: (current) => (tags.length > 0 ? [...current, ...withFreeIds(tags, current)] : undefined),
      ...(imported ? { codes: (current: ArticleCodes | undefined): ArticleCodes => ({ ...(current ?? {}), ...imported }) } : {}),
    })
      .catch((error: unknown): UpdateResult => ({ ok: false, problem: l10n.t('{0}: not changed — {1}.', `${article}.tags.yaml`, describeError(error)) })); // one article's failure; the others go on
    if (!result.ok) problems.push(l10n.t('{0} Nothing was imported into it.', result.problem));
    else {
      written += tags.length;
      sidecars++;
    }
  }
  for (const p of problems) out.error(`✗ ${p}`);
  for (const note of read.notes ?? []) out.error(note);
  const c = placed.counts;
  const skipped = c.skipped + left;
  out.line(codes.size === 0
    ? l10n.t('{0}: {1} tags imported into {2} sidecars ({3} at their offsets, {4} found again, {5} fuzzy), {6} skipped.', importer.label, written, sidecars, c.exact, c.reattached, c.fuzzy, skipped)
    : codes.size === 1
      ? l10n.t('{0}: {1} tags and the codes of 1 article imported into {2} sidecars ({3} at their offsets, {4} found again, {5} fuzzy), {6} skipped.', importer.label, written, sidecars, c.exact, c.reattached, c.fuzzy, skipped)
      : l10n.t('{0}: {1} tags and the codes of {7} articles imported into {2} sidecars ({3} at their offsets, {4} found again, {5} fuzzy), {6} skipped.', importer.label, written, sidecars, c.exact, c.reattached, c.fuzzy, skipped, codes.size));
  return problems.length > 0 ? 1 : 0;
}

/**
 * Imported article codes per article path: a code the codebook says takes several values is a
 * list, one that takes one (or an unknown code with one value) is that value. Codes of a
 * reference that is no one readable article are not imported (said in `problems`).
 */
function codesByArticle(imported: readonly ImportedCodes[], codebook: Codebook, corpus: CorpusArticles, problems: string[]): Map<string, Record<string, string | readonly string[]>> {
  const byArticle = new Map<string, Record<string, string | readonly string[]>>();
  for (const { article, code, values } of imported) {
    const path = corpus.pathOf(article);
    if (path === undefined) {
      problems.push(corpus.codesProblem(article, code)!);
      continue;
    }
    const multiple = codebook.codes.find((c) => c.id === code)?.multiple ?? values.length > 1;
    const entry = byArticle.get(path) ?? {};
    entry[code] = multiple ? values : values[0] ?? '';
    if (!multiple && values.length === 0) delete entry[code];
    byArticle.set(path, entry);
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

async function filesUnder(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UsageError(l10n.t('{0}: no such file or folder.', path));
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}
