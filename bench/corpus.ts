/**
 * The review workload: a workspace of many articles, each with its sidecar. Measures what the
 * Tags view does on activation (parse every sidecar, check each article's hash, fill the store,
 * compute the first level) and what expanding one article costs.
 */
import { performance } from 'node:perf_hooks';
import { reattach } from '../src/core/anchor/reattach';
import { articleHash } from '../src/core/articleFile';
import type { ExportArticle } from '../src/core/export/types';
import { TagTreeModel, type TagSource } from '../src/core/review/tagTree';
import { SidecarFile } from '../src/core/sidecar';
import { TagStore } from '../src/core/tagStore';
import { generateArticle } from './article';
import { makeTags } from './mutate';
import { Rng } from './prng';

export interface CorpusFile {
  readonly key: string;
  readonly text: string;
  readonly yaml: string;
}

export function generateCorpus(seed: number, articles: number, tagsEach: number): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (let i = 0; i < articles; i++) {
    const text = generateArticle(seed + i, 6 * 1024);
    const tags = makeTags(new Rng(seed + i), text, tagsEach);
    const sha = articleHash(text);
    files.push({ key: `article-${String(i).padStart(4, '0')}.txt`, text, yaml: SidecarFile.create(`article-${i}.txt`, sha).serialize(tags, sha) });
  }
  return files;
}

/** Activation as the extension does it, minus the file reads: returns the store and the first level's size. */
export function openCorpus(files: readonly CorpusFile[]): { store: TagStore; model: TagTreeModel; firstLevel: number } {
  const store = new TagStore();
  for (const file of files) {
    const parsed = SidecarFile.parse(file.yaml);
    if (!parsed.ok) throw new Error(`${file.key} did not parse`);
    store.load(file.key, { sidecar: parsed.sidecar });
    const result = reattach(file.text, parsed.sidecar.sha256, parsed.sidecar.tags);
    if (result.changed) throw new Error(`${file.key} should be unchanged`);
  }
  const source: TagSource = { keys: () => store.keys(), tags: (k) => store.tags(k), label: (k) => k, hasProblem: () => false, words: () => undefined, suggestions: () => [], conflicts: () => [], isMissing: () => false };
  const model = new TagTreeModel(source, 'article');
  return { store, model, firstLevel: model.roots().length };
}

/** Expanding one article in the view: its categories and their tag rows. */
export function expandArticle(model: TagTreeModel, key: string): number {
  let rows = 0;
  for (const category of model.children({ kind: 'article', key })) rows += model.children(category).length;
  return rows;
}

/** The corpus as exporters see it. */
export function exportArticles(files: readonly CorpusFile[], store: TagStore): ExportArticle[] {
  return files.map((f) => ({ name: f.key, uri: `file:///corpus/${f.key}`, text: f.text, tags: store.tags(f.key) }));
}

export function timeOnce<T>(fn: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}
