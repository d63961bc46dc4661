// Fault suite, issue 12: two command-line writers at once on one corpus never lose a tag.
//
// The CLI (src/cli/cli.ts) is bundled with esbuild and run as two child processes started
// together, in pairs among `check --fix`, `suggest --write` and `import`, many rounds each, on a
// small fictional corpus whose articles changed since they were tagged (so check --fix has tags
// to re-attach and every writer rewrites every sidecar). After each round every tag that was on
// disk before (by id), every suggestion `suggest --write --json` reported writing and every span
// `import` was given (category and offsets) must be in the sidecars; each lost one counts in the
// fault ledger. NEWSMARK_CLI_ROUNDS sets the rounds per pair (default 30).
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { articleHash } from '../../src/core/articleFile';
import { SidecarFile } from '../../src/core/sidecar';
import { ArticleText, type Tag } from '../../src/core/tag';
import { recordFaults } from './ledger';

const SUITE = 'cli: two command-line writers at once';
const ROUNDS = Number(process.env['NEWSMARK_CLI_ROUNDS']) || 30;
type Writer = 'check --fix' | 'suggest --write' | 'import';
const PAIRS: [Writer, Writer][] = [['check --fix', 'suggest --write'], ['import', 'suggest --write'], ['check --fix', 'import']];

// Invented towns and people; the sentences give each rule something to find.
const PLACES = ['Port Alder', 'Quillmouth', 'Brennick'];
const SENTENCES = [
  (p: string, i: number) => `The ${p} council said the harbour wall would be repaired by May ${i + 1}.`,
  (p: string, i: number) => `A spokesperson for the ferry company denied that ${120 + i} passengers had been turned away.`,
  (p: string, i: number) => `Residents of ${p} called the delay a stunning failure, number ${i}.`,
  (p: string, i: number) => `Officials estimated the damage at ${i + 3} million crowns.`,
];
const HEADER = 'Updated with a statement from the harbour office.\n\n';

interface Article { name: string; tagged: string; now: string; tags: Tag[]; imports: { category: Tag['category']; start: number; end: number }[] }

/** Per article: the text its tags were made on, the text on disk now (a paragraph added on top), and its tags. */
function corpus(): Article[] {
  return PLACES.map((place, a) => {
    const tagged = Array.from({ length: 12 }, (_, i) => SENTENCES[i % SENTENCES.length]!(place, i + a)).join(' ') + '\n';
    const text = new ArticleText(tagged);
    const tags: Tag[] = [];
    for (const [i, m] of [...tagged.matchAll(/harbour wall would be repaired by May \d+/g)].entries()) {
      const start = Array.from(tagged.slice(0, m.index)).length;
      const end = start + Array.from(m[0]).length;
      tags.push({ id: `${a}${i}`.padStart(8, 'a'), category: 'claim', start, end, text: m[0], ...text.contextOf(start, end), author: 'desk' });
    }
    const now = HEADER + tagged;
    // Import spans the rules never suggest: the place names, as framing.
    const imports = [...now.matchAll(new RegExp(place, 'g'))].slice(0, 3).map((m) => ({ category: 'framing' as const, start: m.index, end: m.index + place.length }));
    return { name: `${place.toLowerCase().replace(/ /g, '-')}.txt`, tagged, now, tags, imports };
  });
}

function reset(dir: string, articles: readonly Article[]): void {
  for (const a of articles) {
    writeFileSync(join(dir, 'corpus', a.name), a.now);
    writeFileSync(join(dir, 'corpus', `${a.name}.tags.yaml`), SidecarFile.create(a.name, '').serialize(a.tags, articleHash(a.tagged), a.name));
  }
  const lines = articles.map((a) => JSON.stringify({ text: a.now, label: a.imports.map((s) => [s.start, s.end, s.category]), meta: { article: a.name } }));
  writeFileSync(join(dir, 'in', 'spans.jsonl'), lines.join('\n') + '\n');
}

function runCli(cli: string, args: readonly string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

function argsOf(writer: Writer, dir: string): string[] {
  const corpusDir = join(dir, 'corpus');
  if (writer === 'check --fix') return ['check', '--fix', corpusDir];
  if (writer === 'suggest --write') return ['suggest', '--write', '--json', corpusDir];
  return ['import', '--format', 'doccano', '--articles', corpusDir, join(dir, 'in')];
}

describe('Faults: two command-line writers at once (issue 12)', () => {
  let dir = '';
  let cli = '';
  const totals = { faults: 0, tagsBefore: 0, tagsAfter: 0, tagsLost: 0 };
  const losses: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newsmark-cli-faults-'));
    cli = join(dir, 'cli.cjs');
    await esbuild.build({ entryPoints: [join(__dirname, '..', '..', 'src', 'cli', 'cli.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: cli, logLevel: 'warning' });
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const [first, second] of PAIRS) {
    it(`${first} with ${second}, ${ROUNDS} rounds: every tag on disk before and every tag reported added is there after`, { timeout: 120_000 }, async () => {
      const articles = corpus();
      for (const sub of ['corpus', 'in']) rmSync(join(dir, sub), { recursive: true, force: true });
      for (const sub of ['corpus', 'in']) mkdirSync(join(dir, sub));
      for (let round = 0; round < ROUNDS; round++) {
        reset(dir, articles);
        const results = await Promise.all([first, second].map((w) => runCli(cli, argsOf(w, dir))));
        // Counted before any assertion, so a failing round still reaches the ledger.
        const { byName: expected, problems } = expectations(articles, [first, second], results.map((r) => r.out));
        const unread: string[] = [];
        totals.faults++;
        for (const a of articles) {
          const parsed = SidecarFile.parse(readFileSync(join(dir, 'corpus', `${a.name}.tags.yaml`), 'utf8'));
          if (!parsed.ok) unread.push(`${a.name}.tags.yaml: ${parsed.problems[0]?.message ?? ''}`);
          // A file that does not read back has lost every tag it should hold.
          const tags = parsed.ok ? parsed.sidecar.tags : [];
          const wanted = expected.get(a.name) ?? [];
          totals.tagsBefore += wanted.length;
          totals.tagsAfter += tags.length;
          for (const want of wanted) {
            const found = 'id' in want ? tags.some((t) => t.id === want.id) : tags.some((t) => t.category === want.category && t.start === want.start && t.end === want.end);
            if (!found) {
              totals.tagsLost++;
              losses.push(`${first} + ${second}, round ${round}, ${a.name}: lost ${JSON.stringify(want)}`);
            }
          }
        }
        [first, second].forEach((w, i) => assert.equal(results[i]!.code, 0, `round ${round}, ${w}: ${results[i]!.out.slice(0, 500)}\n${results[i]!.err}`));
        assert.deepEqual(unread, [], `round ${round}: every sidecar reads back`);
        assert.deepEqual(problems, [], `round ${round}: the writers report what they wrote`);
        const leftovers = readdirSync(join(dir, 'corpus')).filter((f) => f.startsWith('.'));
        assert.deepEqual(leftovers, [], `round ${round}: no temporary or lock files are left behind`);
      }
    });
  }

  it('records the rounds in the fault ledger, with no tag lost', () => {
    recordFaults({ suite: SUITE, ...totals });
    assert.equal(totals.faults, ROUNDS * PAIRS.length);
    assert.deepEqual(losses.slice(0, 20), [], `${totals.tagsLost} tags lost`);
  });
});

type Expected = { id: string } | { category: string; start: number; end: number };

/**
 * What must be on disk after a round: the tags the corpus was given, the spans import was given
 * (both the generator's own lists), and what suggest says it wrote. Problems with the writers'
 * reports are returned, not thrown, so the round is counted first.
 */
function expectations(articles: readonly Article[], writers: readonly Writer[], outputs: readonly string[]): { byName: Map<string, Expected[]>; problems: string[] } {
  const byName = new Map<string, Expected[]>(articles.map((a) => [a.name, a.tags.map((t) => ({ id: t.id }))]));
  const problems: string[] = [];
  writers.forEach((writer, i) => {
    if (writer === 'suggest --write') {
      let report: { article: string; suggestions: { category: string; start: number; end: number }[] }[] = [];
      try {
        report = JSON.parse(outputs[i]!) as typeof report;
      } catch {
        problems.push(`suggest --write --json printed no JSON report: ${outputs[i]!.slice(0, 300)}`);
      }
      for (const r of report) byName.get(r.article.split(/[/\\]/).pop()!)?.push(...r.suggestions.map(({ category, start, end }) => ({ category, start, end })));
    }
    if (writer === 'import') {
      const imported = Number(/(\d+) tags imported/.exec(outputs[i]!)?.[1] ?? -1);
      const given = articles.reduce((n, a) => n + a.imports.length, 0);
      if (imported !== given) problems.push(`import reports ${imported} of the ${given} spans imported: ${outputs[i]}`);
      for (const a of articles) byName.get(a.name)!.push(...a.imports);
    }
  });
  return { byName, problems };
}
