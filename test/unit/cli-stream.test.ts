// The corpus commands read a corpus article by article (issue 16): what they print and write must
// be what the whole corpus read at once gives — the core functions over every pair in one list —
// on a generated corpus with the usual problem files, cold, filling the cache and warm.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, it } from 'node:test';
import { main } from '../../src/cli/main';
import type { Output } from '../../src/cli/output';
import { readablePairs, type ReadablePair } from '../../src/cli/sidecars';
import { reattach } from '../../src/core/anchor/reattach';
import { EXPORTERS } from '../../src/core/export/formats';
import { relativeArticlePaths } from '../../src/core/export/names';
import type { ExportArticle } from '../../src/core/export/types';
import { buildLedger } from '../../src/core/figures/ledger';
import { fromNativePath } from '../../src/core/fs/nodeFileSystem';
import { clusterQuotes } from '../../src/core/quotes/cluster';
import { outletProfiles } from '../../src/core/review/profile';
import { statsOf } from '../../src/core/review/stats';
import './cacheDir';
import { scratchDir } from './scratch';
import { writeStreamCorpus } from './streamCorpus';

/**
 * main() with what it prints; `raw` gives it a write(), as the console has, so exports stream to
 * it and stats, check and validate print their lines through it as UTF-8 bytes.
 */
async function cli(args: readonly string[], raw = false): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // A buffer written may be reused once the write has resolved: decoded at once, as a console writes it at once.
  const write = (chunk: string | Uint8Array): Promise<void> => Promise.resolve(void out.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })));
  const output: Output = { line: (l) => out.push(`${l}\n`), error: (l) => err.push(l), ...(raw ? { write } : {}) };
  const code = await main(args, output);
  return { code, out: out.join(''), err: err.join('\n') };
}

let corpus: string;
let pairs: ReadablePair[];
const problems: string[] = [];

before(async () => {
  corpus = scratchDir('stream');
  assert.ok(writeStreamCorpus(corpus, 240) > 200);
  ({ pairs } = await readablePairs([corpus], (p) => problems.push(p)));
  assert.ok(pairs.length > 200 && problems.length > 5, 'the corpus has readable pairs and problem files');
});

/** Each command three times: without the cache, filling it, and from it. */
async function eachWay(args: readonly string[], raw = false): Promise<string> {
  const cold = await cli([...args, corpus, '--no-cache'], raw);
  for (const pass of ['filling the cache', 'warm']) assert.deepEqual(await cli([...args, corpus], raw), cold, `${args.join(' ')} (${pass}) differs from --no-cache`);
  return cold.out;
}

function exportArticles(): ExportArticle[] {
  const relative = relativeArticlePaths(pairs.map((p) => fromNativePath(p.articlePath)));
  return pairs.map((p, i) => ({ name: basename(p.articlePath), path: relative[i]!, uri: pathToFileURL(p.articlePath).href, text: p.articleLf, tags: p.sidecar.tags }));
}

function outletArticles(): { article: string; outlet: string; text: string; tags: ReadablePair['sidecar']['tags'] }[] {
  return pairs.map((p) => ({ article: p.articlePath, outlet: p.facts.outlet().name, text: p.articleLf, tags: p.sidecar.tags }));
}

describe('streamed corpus commands print what the corpus read whole gives', () => {
  it('stats --json', async () => {
    const inputs = pairs.map((p) => ({ article: p.articlePath, outlet: p.facts.outlet(), tags: p.sidecar.tags, words: p.facts.words() }));
    const articles = inputs.map((i) => ({ article: i.article, outlet: { name: i.outlet.name, guessed: i.outlet.guessed }, ...statsOf([i]) }));
    const expected = JSON.stringify({ articles, total: statsOf(inputs), outlets: outletProfiles(inputs), problems }, null, 2);
    assert.equal(await eachWay(['stats', '--json']), `${expected}\n`);
    assert.equal(await eachWay(['stats', '--json'], true), `${expected}\n`, 'printed as bytes, as to standard output');
  });

  it('check --json', async () => {
    const articles = pairs.map((p) => {
      const result = reattach(p.articleLf, p.sidecar.sha256, p.sidecar.tags);
      const tags = result.placements.map(({ tag: t, status, stage }) => ({ id: t.id, category: t.category, status, stage, start: t.start, end: t.end, text: t.text, ...(t.previousText !== undefined ? { previousText: t.previousText } : {}) }));
      return { article: p.articlePath, counts: result.counts, tags, problems: p.invalid.length > 0 ? p.invalid : undefined };
    });
    const printed = JSON.parse(await eachWay(['check', '--json'])) as { articles: { article: string; counts?: unknown; tags?: unknown; problems?: string[] }[]; totals: Record<string, number> };
    const readable = printed.articles.filter((a) => a.counts !== undefined);
    assert.deepEqual(readable.map(({ article, counts, tags, problems: p }) => ({ article, counts, tags, problems: p })), articles);
    assert.equal(printed.totals['articles'], printed.articles.length);
    assert.equal(printed.totals['orphaned'], articles.reduce((n, a) => n + a.counts.orphaned, 0));
    assert.ok(printed.totals['moved']! > 0 && printed.totals['orphaned'] > 0, 'the edited articles have moved and orphaned tags');
  });

  it('stats, check and validate as text, the same each way', async () => {
    for (const args of [['stats'], ['check'], ['validate'], ['check', '--json']]) {
      const printed = await eachWay(args);
      assert.ok(printed.length > 1000);
      assert.equal(await eachWay(args, true), printed, `${args.join(' ')} printed as bytes, as to standard output`);
    }
  });

  it('figures --json and quotes --json', async () => {
    assert.equal(await eachWay(['figures', '--json']), `${JSON.stringify(buildLedger(outletArticles()), null, 2)}\n`);
    const clusters = clusterQuotes(outletArticles()).map((c) => ({ wording: c.wording, members: c.members.map(({ article, outlet, id, start, end, text, verdict }) => ({ article, outlet, id, start, end, text, verdict })) }));
    assert.ok(clusters.length > 0, 'the corpus has a quote printed by several outlets');
    assert.equal(await eachWay(['quotes', '--json']), `${JSON.stringify({ clusters }, null, 2)}\n`);
  });

  for (const exporter of EXPORTERS) {
    it(`export --format ${exporter.id}`, async () => {
      const expected = exporter.export(exportArticles(), { includeOrphans: exporter.id === 'csv', bom: exporter.id === 'csv' });
      const options = exporter.id === 'csv' ? ['--include-orphans', '--bom'] : [];
      if (exporter.singleFile) {
        const printed = await eachWay(['export', '--format', exporter.id, ...options], true);
        assert.equal(printed, `${expected.files[0]!.content}\n`);
      }
      for (const way of ['--no-cache', '--cache']) {
        const out = join(scratchDir('stream-out'), 'out');
        const { code } = await cli(['export', '--format', exporter.id, ...options, '--out', out, corpus, ...(way === '--no-cache' ? [way] : [])]);
        assert.equal(code, 1, 'the problem files are reported');
        const written = new Map(readdirSync(out).map((name) => [name, readFileSync(join(out, name), 'utf8')]));
        assert.deepEqual(written, new Map(expected.files.map((f) => [f.path, f.content])));
      }
    });
  }
});
