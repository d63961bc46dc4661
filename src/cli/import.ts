import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { articleHash, decodeArticle } from '../core/articleFile';
import { importerFor, IMPORTERS } from '../core/export/formats';
import { parseLabelMap, placeImported } from '../core/export/place';
import { isSidecarName, SidecarFile, sidecarNameFor } from '../core/sidecar';
import type { Tag } from '../core/tag';
import { toLf } from '../core/textIndex';
import { describeError, readRegularFile } from './inputFile';
import type { Output } from './output';
import { UsageError, writeOrSay } from './sidecars';

export interface ImportCommand {
  readonly format: string;
  readonly maps: readonly string[];
  /** Where the corpus's articles are (searched recursively by file name). */
  readonly articles: string;
  /** doccano's offset unit (codepoints or utf16), as given; checked by the importer. */
  readonly offsets?: string;
}

/** `newsmark import --format F [--map a=b] [--articles DIR] PATH...`: other tools' files → sidecars of existing articles. */
export async function importTags(paths: readonly string[], command: ImportCommand, out: Output): Promise<number> {
  const importer = importerFor(command.format);
  if (!importer) throw new UsageError(`unknown format "${command.format}" (one of ${IMPORTERS.map((i) => i.id).join(', ')}).`);
  const { map, problems: mapProblems } = parseLabelMap(command.maps);
  if (mapProblems.length > 0) throw new UsageError(mapProblems.join('\n'));

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
  const sidecars = new Map<string, SidecarFile | undefined>();
  const unreadable = new Map<string, string>();
  const articleText = (name: string): string | undefined => texts.get(name);
  for (const [name, path] of corpus) {
    const decoded = decodeArticle(await readFile(path), name);
    if (!decoded.ok) continue;
    texts.set(name, toLf(decoded.text));
    const sidecarRead = await readRegularFile(join(path, '..', sidecarNameFor(name)));
    if (!sidecarRead.ok) {
      if (!sidecarRead.missing) unreadable.set(name, sidecarRead.reason);
      continue;
    }
    const parsed = SidecarFile.parse(sidecarRead.bytes.toString('utf8'));
    if (parsed.ok) {
      sidecars.set(name, parsed.sidecar);
      existing.set(name, parsed.sidecar.tags);
    } else unreadable.set(name, `line ${parsed.problems[0]?.line ?? 1}: ${parsed.problems[0]?.message ?? 'cannot be read'}`);
  }

  const read = importer.read(inputs, articleText, [...texts.keys()]);
  const placed = placeImported(read.spans, { articleText, existingTags: (n) => existing.get(n) ?? [], labelMap: map });
  const problems = [...unreadInputs, ...read.problems, ...placed.problems];
  let written = 0;
  for (const [name, tags] of placed.tags) {
    if (unreadable.has(name)) {
      problems.push(`${name}: its sidecar cannot be read (${unreadable.get(name)}), so it was not changed; fix it and import again`);
      continue;
    }
    const sidecar = sidecars.get(name) ?? SidecarFile.create(name, '');
    const text = texts.get(name)!;
    const sidecarPath = join(corpus.get(name)!, '..', sidecarNameFor(name));
    const problem = await writeOrSay(sidecarPath, () => sidecar.serialize([...(existing.get(name) ?? []), ...tags], articleHash(text), name))
      .catch((error: unknown) => `${sidecarPath}: not changed — ${describeError(error)}`); // one article's failure; the others go on
    if (problem) problems.push(problem);
    else written += tags.length;
  }
  for (const p of problems) out.error(`✗ ${p}`);
  const c = placed.counts;
  out.line(`${importer.label}: ${written} tags imported into ${placed.tags.size} sidecars (${c.exact} at their offsets, ${c.reattached} found again, ${c.fuzzy} fuzzy), ${c.skipped} skipped.`);
  return problems.length > 0 ? 1 : 0;
}

async function filesUnder(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UsageError(`${path}: no such file or folder.`);
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

/** Article file name → path, for every file under the folder that is not a sidecar. */
async function articleIndex(folder: string): Promise<Map<string, string>> {
  const index = new Map<string, string>();
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => {
    throw new UsageError(`${folder}: no such folder (give the articles' folder with --articles).`);
  });
  for (const e of entries) {
    if (!e.isFile() || isSidecarName(e.name) || e.name.startsWith('.') || e.parentPath.includes('node_modules')) continue;
    if (!index.has(e.name)) index.set(e.name, join(e.parentPath, e.name));
  }
  return index;
}

