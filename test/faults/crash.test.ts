// Fault suite, issue 7: a sidecar survives its writer being killed at any moment.
//
// A child Node process (test/faults/crashWriter.ts, bundled with esbuild so it starts in tens of
// milliseconds) writes complete sidecar versions over one file with writeFileAtomic, round and
// round; each version is serialized by SidecarFile and holds a different number of tags (1 to 60),
// a quarter of them hundreds of KB so a write takes measurable time. The parent SIGKILLs it after
// a random delay, many times, and after every kill checks that
//   - the file is byte for byte one complete version: the one on disk before the interrupted
//     write (old) or the one being written (new), and SidecarFile.parse reads exactly its tags;
//   - whatever the killed writer left behind (its temporary file) never matches the sidecar glob
//     *.tags.yaml, so Newsmark never loads a half-written file.
// The delays and versions come from a seeded generator: set NEWSMARK_CRASH_SEED to the printed
// seed to replay a run (the exact moment a kill lands still depends on the machine).
// NEWSMARK_CRASH_KILLS sets the number of kills (default 100).
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import * as esbuild from 'esbuild';
import type { CategoryId } from '../../src/core/codebook';
import { isSidecarName, SidecarFile, sidecarNameFor } from '../../src/core/sidecar';
import { ArticleText, createTag, sortTags, type Tag } from '../../src/core/tag';
import { recordFaults } from './ledger';

const SUITE = 'crash: SIGKILL during sidecar writes';
const KILLS = Number(process.env['NEWSMARK_CRASH_KILLS']) || 100;
const SEED = Number(process.env['NEWSMARK_CRASH_SEED']) || Math.floor(Math.random() * 2 ** 31);
const VERSIONS = 60;
/** Kills land up to this long after the writer's first write starts (a pass over all versions takes longer). */
const MAX_DELAY_MS = 40;
const ARTICLE = 'marrowby-flood.txt';

/** mulberry32: small, seedable, good enough to pick delays and orders. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A fictional article: sixty sentences, one per tag.
const SUBJECTS = ['The Marrowby council', 'A spokesperson for Vellan Water', 'Mayor Idris Okonkwo-Lind', 'The Harbour Gazette', 'Residents of Quill Street', 'The regional flood office'];
const VERBS = ['said', 'denied that', 'estimated that', 'insisted that', 'claimed that', 'reported that'];
const OBJECTS = [
  'the east levee held for eleven hours',
  'no warning reached the lower town before 3 a.m.',
  '2,417 people were evacuated in a single night',
  'the pumping station was "never at risk"',
  'repairs would cost €18.6 million',
  'the river peaked at 6.4 metres — a record',
  'the evacuation was "remarkably orderly"',
  'volunteers filled 40,000 sandbags',
];

function sentence(n: number): string {
  return `${SUBJECTS[n % SUBJECTS.length]!} ${VERBS[(n * 5) % VERBS.length]!} ${OBJECTS[(n * 3) % OBJECTS.length]!} (report ${n + 1}).`;
}

const spans: { start: number; end: number }[] = [];
let articleText = 'Marrowby counts the cost of the spring flood\n\n';
for (let n = 0; n < VERSIONS; n++) {
  const s = sentence(n);
  const start = [...articleText].length; // code points, as sidecars count them
  spans.push({ start, end: start + [...s].length });
  articleText += s + (n % 4 === 3 ? '\n\n' : ' ');
}
const article = new ArticleText(articleText);
const sha256 = createHash('sha256').update(article.lf).digest('hex');
const CATEGORIES: CategoryId[] = ['claim', 'denial', 'figure', 'framing'];

/** A long fictional note: makes a tag several KB, so the big versions are hundreds of KB. */
function longNote(n: number, version: number): string {
  const line = `Desk check ${version}.${n}: the figure was compared with the Vellan Water log, the council’s minutes and two residents’ accounts — none of them agree on the hour. `;
  return line.repeat(55);
}

interface Version {
  readonly tags: readonly Tag[];
  readonly bytes: Buffer;
}

function buildVersions(random: () => number): Version[] {
  const ids = new Set<string>();
  const pool: Tag[] = spans.map((span, n) => {
    let id: string;
    do id = Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0');
    while (ids.has(id));
    ids.add(id);
    const tag = createTag(article, span.start, span.end, CATEGORIES[n % CATEGORIES.length]!, ids, { author: 'fault suite', created: '2031-04-02T09:15:00Z' });
    return { ...tag, id };
  });
  const versions: Version[] = [];
  for (let k = 1; k <= VERSIONS; k++) {
    const big = k % 4 === 0;
    const tags = sortTags(pool.slice(0, k).map((t, n) => (big ? { ...t, note: longNote(n, k) } : t)));
    const text = SidecarFile.create(ARTICLE, sha256).serialize(tags, sha256);
    versions.push({ tags, bytes: Buffer.from(text, 'utf8') });
  }
  return versions;
}

function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

interface KillOutcome {
  /** Lines the writer printed: "W i" before a write, "D i" after it. */
  events: { done: boolean; version: number }[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
  delay: number;
}

/** Starts a writer, waits for its first write to begin, lets it run `delay` ms, SIGKILLs it. */
function runAndKill(writer: string, target: string, versionsDir: string, order: number[], delay: number): Promise<KillOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, target, versionsDir, order.join(',')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let armed = false;
    const watchdog = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`writer did not start writing within 15 s; stderr: ${stderr}`)); }, 15_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!armed && stdout.includes('W ')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delay);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      const events: KillOutcome['events'] = [];
      for (const line of stdout.split('\n').filter(Boolean)) {
        const m = /^([WD]) (\d+)$/.exec(line);
        if (!m) return reject(new Error(`unexpected writer output: ${JSON.stringify(line)}`));
        events.push({ done: m[1] === 'D', version: Number(m[2]) });
      }
      resolve({ events, signal, code, stderr, delay });
    });
  });
}

describe('Faults: crash safety of sidecar writes (issue 7)', () => {
  let dir = '';
  let writer = '';
  let versionsDir = '';
  let articleDir = '';
  let versions: Version[] = [];
  const random = seeded(SEED);

  before(async () => {
    console.log(`crash test seed: ${SEED} (replay with NEWSMARK_CRASH_SEED=${SEED}), ${KILLS} kills`);
    dir = mkdtempSync(join(tmpdir(), 'newsmark-crash-'));
    writer = join(dir, 'crashWriter.cjs');
    await esbuild.build({ entryPoints: [join(__dirname, 'crashWriter.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: writer, logLevel: 'warning' });
    versions = buildVersions(random);
    versionsDir = join(dir, 'versions');
    mkdirSync(versionsDir);
    versions.forEach((v, i) => writeFileSync(join(versionsDir, `${i}.yaml`), v.bytes));
    articleDir = join(dir, 'articles');
    mkdirSync(articleDir);
    writeFileSync(join(articleDir, ARTICLE), article.lf);
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('versions are complete sidecars that read back exactly their tags', () => {
    const sizes = versions.map((v) => v.bytes.length);
    console.log(`versions: ${versions.length}, ${Math.min(...sizes)} B to ${(Math.max(...sizes) / 1024).toFixed(0)} KB`);
    assert.ok(Math.max(...sizes) > 300 * 1024, 'the biggest version should take measurable time to write');
    versions.forEach((v, i) => {
      const parsed = SidecarFile.parse(v.bytes.toString('utf8'));
      assert.ok(parsed.ok, `version ${i}: ${parsed.ok ? '' : JSON.stringify(parsed.problems)}`);
      assert.equal(parsed.sidecar.tags.length, i + 1);
      assert.deepEqual(parsed.sidecar.tags, v.tags);
    });
    assert.equal(new Set(versions.map((v) => v.bytes.toString('base64'))).size, versions.length, 'versions must differ byte-wise');
  });

  it('after every SIGKILL the sidecar is the old or the new version, whole, and no temp file looks like a sidecar', { timeout: 180_000 }, async () => {
    const started = Date.now();
    const target = join(articleDir, sidecarNameFor(ARTICLE));
    const byLength = new Map<number, number[]>();
    versions.forEach((v, i) => byLength.set(v.bytes.length, [...(byLength.get(v.bytes.length) ?? []), i]));
    const identify = (bytes: Buffer): number | undefined => byLength.get(bytes.length)?.find((i) => versions[i]!.bytes.equals(bytes));

    let disk = Math.floor(random() * VERSIONS);
    writeFileSync(target, versions[disk]!.bytes);
    const failures: string[] = [];
    let tagsBefore = 0;
    let tagsAfter = 0;
    let tagsLost = 0;
    let midWrite = 0; // kills that left a temp file behind: the kill landed inside writeFileAtomic
    let sawOld = 0;
    let sawNew = 0;
    let writesCompleted = 0;
    const leftoverNames = new Set<string>();

    for (let kill = 1; kill <= KILLS; kill++) {
      // Every version but the one on disk first, so each write changes the number of tags.
      const order = shuffled(VERSIONS, random);
      if (order[0] === disk) order.push(order.shift()!);
      const delay = Math.floor(random() * (MAX_DELAY_MS + 1));
      const outcome = await runAndKill(writer, target, versionsDir, order, delay);
      const where = `kill ${kill} (seed ${SEED}, delay ${delay} ms)`;
      if (outcome.signal !== 'SIGKILL') {
        failures.push(`${where}: the writer ended by itself (code ${outcome.code}, signal ${outcome.signal}): ${outcome.stderr.trim()}`);
      }

      const completed = outcome.events.filter((e) => e.done);
      writesCompleted += completed.length;
      const old = completed.at(-1)?.version ?? disk;
      const last = outcome.events.at(-1);
      const inFlight = last && !last.done ? last.version : undefined;
      const allowed = inFlight === undefined ? [old] : [old, inFlight];

      const bytes = readFileSync(target);
      const found = identify(bytes);
      const parsed = SidecarFile.parse(bytes.toString('utf8'));
      const readBack = parsed.ok ? parsed.sidecar.tags : [];
      // From the generator's own versions, not from reading the file: the tags on disk before the
      // kill, of which those the interrupted write also kept must be read back whichever version
      // landed (the rest it was asked to delete).
      const oldTags = versions[old]!.tags;
      const keptByWrite = inFlight === undefined ? oldTags : oldTags.filter((t) => versions[inFlight]!.tags.some((n) => n.id === t.id));
      const readIds = new Set(readBack.map((t) => t.id));
      tagsBefore += oldTags.length;
      tagsAfter += readBack.length;
      tagsLost += keptByWrite.filter((t) => !readIds.has(t.id)).length;

      if (found === undefined || !allowed.includes(found)) {
        failures.push(`${where}: expected version ${allowed.join(' or ')} on disk, found ${found === undefined ? `${bytes.length} bytes matching no version, starting ${JSON.stringify(bytes.subarray(0, 120).toString('utf8'))}` : `version ${found}`}`);
      } else {
        if (found === old) sawOld++;
        else sawNew++;
        if (!parsed.ok) failures.push(`${where}: version ${found} does not parse: ${JSON.stringify(parsed.problems)}`);
        else if (!isDeepStrictEqual(readBack, versions[found]!.tags)) failures.push(`${where}: version ${found} read back different tags`);
      }

      // What the killed writer left behind: never a name Newsmark would load as a sidecar.
      const leftovers = readdirSync(articleDir).filter((f) => f !== ARTICLE && f !== basename(target));
      if (leftovers.length > 0) midWrite++;
      for (const f of leftovers) {
        leftoverNames.add(f.replace(/[0-9a-f]{8}/, '<hex>'));
        if (isSidecarName(f) || /\.tags\.yaml$/.test(f)) failures.push(`${where}: the leftover ${f} matches *.tags.yaml: Newsmark would load a half-written file as a sidecar`);
        unlinkSync(join(articleDir, f));
      }

      if (found === undefined) writeFileSync(target, versions[disk = 0]!.bytes); // carry on from a known state
      else disk = found;
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`${KILLS} kills in ${seconds}s: ${midWrite} landed mid-write (temp file left behind), ${writesCompleted} writes completed in between; `
      + `file was the old version ${sawOld} times, the new one ${sawNew} times; leftover names: ${[...leftoverNames].join(', ') || 'none'}`);
    recordFaults({ suite: SUITE, faults: KILLS, tagsBefore, tagsAfter, tagsLost });

    assert.deepEqual(failures, []);
    assert.equal(tagsLost, 0);
    assert.ok(midWrite > 0, `no kill landed inside a write (${KILLS} kills): the test did not exercise what it should`);
  });
});
