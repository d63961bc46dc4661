// Shared by the CLI tests: a small fictional corpus in a fresh temporary folder, and main()
// run with its output captured.
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { main } from '../../src/cli/main';
import { articleHash } from '../../src/core/articleFile';
import { SidecarFile } from '../../src/core/sidecar';
import { ArticleText, type Tag } from '../../src/core/tag';
import { scratchDir } from './scratch';

/** Invented for these tests: one claim, one denial with a figure, one piece of framing. */
export const TRAM = 'Mayor Ilse Varga said on Tuesday that the new tram line would open in March.\nThe transit authority denied that costs had doubled to 48 million crowns.\nCritics called the plan a reckless gamble.\n';
export const FERRY = 'The ferry operator said the crossing would resume on Friday.\nOfficials denied that 300 passengers had been stranded.\nResidents called the delay a stunning failure.\n';

export async function run(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { line: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export function tempDir(prefix: string): string {
  return scratchDir(prefix);
}

export function write(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** A tag on the first occurrence of `text` in the article. */
export function tagOn(article: string, text: string, category: Tag['category'], id: string): Tag {
  const lf = new ArticleText(article);
  const at = Array.from(article.slice(0, article.indexOf(text))).length;
  assert.ok(article.includes(text), `${text} is in the article`);
  const end = at + Array.from(text).length;
  return { id, category, start: at, end, text, ...lf.contextOf(at, end), author: 'test' };
}

export function sidecarText(name: string, article: string, tags: readonly Tag[]): string {
  return SidecarFile.create(name, '').serialize(tags, articleHash(article), name);
}

/** `name` and its sidecar with these tags. */
export function tagged(dir: string, name: string, article: string, tags: readonly Tag[]): void {
  write(dir, name, article);
  write(dir, `${name}.tags.yaml`, sidecarText(basename(name), article, tags));
}

export function readSidecar(path: string): SidecarFile {
  const parsed = SidecarFile.parse(readFileSync(path, 'utf8'));
  assert.ok(parsed.ok, `${path} parses`);
  return parsed.sidecar;
}

/** A doccano JSONL line naming its article, with ASCII text (code points and UTF-16 units agree). */
export function doccanoLine(article: string, text: string, labels: [number, number, string][]): string {
  return JSON.stringify({ text, label: labels, meta: { article } });
}
