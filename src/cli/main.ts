import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { decodeArticle } from '../core/articleFile';
import { isSidecarName, SidecarFile, articleNameFor } from '../core/sidecar';
import { verifyTags } from '../core/verify';

const USAGE = `Usage: newsmark <command> [options] PATH...

Commands:
  validate PATH...   Read each sidecar (PATH: an article, a sidecar or a folder searched
                     recursively) and check that every tag's offsets cut out its text.
                     Exit 0 when all are valid, 1 when any is not, 2 on bad usage.

Options:
  -h, --help         Show this help.
  -v, --version      Show the version.
`;

declare const NEWSMARK_VERSION: string | undefined;

export async function main(argv: string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help') {
    out(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    out(typeof NEWSMARK_VERSION === 'string' ? NEWSMARK_VERSION : 'dev');
    return 0;
  }
  if (command !== 'validate') {
    err(`newsmark: unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  if (rest.length === 0) {
    err('newsmark validate: give at least one article, sidecar or folder.');
    return 2;
  }
  let sidecars: string[];
  try {
    sidecars = (await Promise.all(rest.map(findSidecars))).flat();
  } catch (error) {
    err(`newsmark validate: ${(error as Error).message}`);
    return 2;
  }
  let failed = 0;
  for (const path of sidecars) {
    const problems = await validateSidecar(path);
    if (problems.length === 0) out(`ok    ${path}`);
    else {
      failed++;
      for (const p of problems) out(`error ${p}`);
    }
  }
  out(`${sidecars.length - failed} valid, ${failed} invalid`);
  return failed > 0 ? 1 : 0;
}

async function validateSidecar(path: string): Promise<string[]> {
  const bytes = await readFile(path).catch(() => undefined);
  if (!bytes) return [`${path}: no such sidecar.`];
  const decoded = decodeArticle(bytes, basename(path));
  if (!decoded.ok) return [`${path}: ${decoded.reason}`];
  const parsed = SidecarFile.parse(decoded.text);
  if (!parsed.ok) return parsed.problems.map((p) => `${path}:${p.line}:${p.column}: ${p.message}`);
  const articlePath = join(dirname(path), articleNameFor(basename(path)));
  let article;
  try {
    article = decodeArticle(await readFile(articlePath), basename(articlePath));
  } catch {
    return [`${path}: the article ${basename(articlePath)} is missing beside it.`];
  }
  if (!article.ok) return [`${articlePath}: ${article.reason}`];
  const result = verifyTags(article.text, parsed.sidecar.sha256, parsed.sidecar.tags);
  return [
    ...result.outOfRange.map((t) => `${path}: tag ${t.id} (${t.start}–${t.end}) lies beyond the end of the article.`),
    ...result.mismatches.map((m) => `${path}: tag ${m.tag.id} (${m.tag.start}–${m.tag.end}) should cut out ${JSON.stringify(m.tag.text)} but the article has ${JSON.stringify(m.found)} there.`),
  ];
}

async function findSidecars(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new Error(`${path}: no such file or folder.`);
  if (info.isDirectory()) {
    const entries = await readdir(path, { withFileTypes: true, recursive: true });
    return entries
      .filter((e) => e.isFile() && isSidecarName(e.name))
      .map((e) => join(e.parentPath, e.name))
      .sort();
  }
  return [isSidecarName(basename(path)) ? path : `${path}.tags.yaml`];
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code), (error: unknown) => {
    console.error(`newsmark: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
