import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { articleHash } from '../../src/core/articleFile';
import { SidecarFile } from '../../src/core/sidecar';
import type { Tag } from '../../src/core/tag';
import { toLf } from '../../src/core/textIndex';
import { outletFor } from '../../src/cli/outlet';
import { inTemp, runExpecting, SAMPLES } from './cliRun';
import { tagOn } from './quoteTags';
import { SHARED } from './sharedArticles';

interface JsonMember {
  article: string;
  outlet: string;
  id: string;
  start: number;
  end: number;
  text: string;
  verdict: string;
}
interface JsonCluster {
  wording: string;
  members: JsonMember[];
}

function clustersOf(out: string): JsonCluster[] {
  const parsed = JSON.parse(out) as { clusters: JsonCluster[] };
  assert.deepEqual(Object.keys(parsed), ['clusters']);
  for (const c of parsed.clusters) {
    assert.deepEqual(Object.keys(c), ['wording', 'members']);
    for (const m of c.members) assert.deepEqual(Object.keys(m), ['article', 'outlet', 'id', 'start', 'end', 'text', 'verdict']);
  }
  return parsed.clusters;
}

const name = (path: string): string => path.split(/[\\/]/).pop()!;

describe('newsmark quotes on the samples', () => {
  it('finds the spokesperson’s designed altered quote: the Gazette’s wording, trimmed by the Clarion, altered by the Wire', async () => {
    const clusters = clustersOf((await runExpecting(0, ['quotes', '--json', SAMPLES])).out);
    assert.equal(clusters.length, 1, 'one quote is printed by more than one outlet');
    const [cluster] = clusters;
    assert.equal(cluster!.wording, 'We have lost equipment we have lost cargo and for a few days we lost control of the lower basin');
    assert.deepEqual(cluster!.members.map((m) => [name(m.article), m.outlet, m.verdict]), [
      ['daily-clarion.txt', 'daily-clarion.txt', 'trimmed'],
      ['harbor-gazette.txt', 'harbor-gazette.txt', 'identical'],
      ['varnia-wire.txt', 'Varnia Wire', 'altered'],
    ]);
    // The Wire's reported "not true" denial is a tag that runs past its quotation marks: not a member.
    assert.ok(clusters.every((c) => c.members.every((m) => !m.text.startsWith('She said'))));
  });

  it('prints each version with its verdict and a word diff', async () => {
    const { out } = await runExpecting(0, ['quotes', SAMPLES]);
    assert.match(out, /^“We have lost equipment we have lost cargo and for a few days we lost control of the lower basin” — 3 versions, 3 outlets$/m);
    assert.match(out, /^ {2}altered {4}Varnia Wire +varnia-wire\.txt:571-637 {2}We have lost equipment \[-we have lost-\] \{\+and\+\} cargo and/m);
    assert.match(out, /^ {2}identical {2}harbor-gazette\.txt/m);
  });

  it('exits 2 on bad usage, 1 when a sidecar cannot be read, with one line for it', async () => {
    await runExpecting(2, ['quotes']);
    await runExpecting(2, ['quotes', '--words', SAMPLES]);
    await inTemp(async (dir) => {
      writeFileSync(join(dir, 'a.txt'), 'Text.\n');
      writeFileSync(join(dir, 'a.txt.tags.yaml'), 'newsmark: 1\narticle: a.txt\ntags: [\n');
      const { err, out } = await runExpecting(1, ['quotes', '--json', dir]);
      assert.deepEqual(clustersOf(out), []);
      assert.equal(err.split('\n').length, 1, err);
      assert.doesNotMatch(err, /\n\s+at /);
    });
  });

  it('names the outlet by the sidecar field, else by a guess from the text, else by the file name', () => {
    const plain = SidecarFile.create('a.txt', 'x');
    assert.equal(outletFor({ articlePath: '/news/a.txt', sidecar: plain, articleLf: 'Text.\n' }), 'a.txt');
    const parsed = SidecarFile.parse(`newsmark: 1\narticle: a.txt\noutlet: Valdry Post\nsha256: ${'a'.repeat(64)}\ntags: []\n`);
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
    assert.equal(outletFor({ articlePath: '/news/a.txt', sidecar: parsed.sidecar, articleLf: 'Text.\n' }), 'Valdry Post');
    assert.equal(outletFor({ articlePath: '/news/a.txt', sidecar: plain, articleLf: 'KESSMOUTH, Varnia (Varnia Wire) - The port said.\n' }), 'Varnia Wire');
  });
});

// The five real articles on one event, read at run time and never copied into the project.
const DENIAL = 'We deny the Russian military can have something in common with these atrocities and that dead bodies were shown on the streets of Bucha';
const SHORT = 'We have significant losses of troops';
const LONG = 'We have suffered significant losses of troops, this is a huge tragedy for us';
const PART = 'significant losses of troops';

describe('newsmark quotes on the five shared articles', () => {
  it('shows the denial four outlets print word for word as identical, and the losses quote altered in one', async (t) => {
    if (!existsSync(SHARED)) {
      console.log(`skipped: ${SHARED} is absent`);
      t.skip(`${SHARED} is absent`);
      return;
    }
    await inTemp(async (dir) => {
      for (const file of readdirSync(SHARED).filter((f) => f.endsWith('.txt')).sort()) {
        const raw = readFileSync(join(SHARED, file), 'utf8');
        const text = toLf(raw);
        // Tagged as an analyst would: the denial, and whichever wording of the losses quote the outlet prints.
        const tags: Tag[] = [];
        if (text.includes(DENIAL)) tags.push(tagOn(text, DENIAL, 'denial'));
        const losses = [LONG, SHORT, PART].find((p) => text.includes(p));
        if (losses) tags.push(tagOn(text, losses, 'claim'));
        copyFileSync(join(SHARED, file), join(dir, file));
        writeFileSync(join(dir, `${file}.tags.yaml`), SidecarFile.create(file, articleHash(raw)).serialize(tags, articleHash(raw)));
      }
      const clusters = clustersOf((await runExpecting(0, ['quotes', '--json', dir])).out);
      const denial = clusters.filter((c) => c.wording.includes('We deny'));
      assert.equal(denial.length, 1, JSON.stringify(clusters, null, 1));
      assert.equal(denial[0]!.members.length, 4);
      assert.equal(new Set(denial[0]!.members.map((m) => m.outlet)).size, 4);
      assert.ok(denial[0]!.members.every((m) => m.verdict === 'identical'));

      const losses = clusters.filter((c) => c.members.some((m) => m.text === LONG));
      assert.equal(losses.length, 1, JSON.stringify(clusters, null, 1));
      const altered = losses[0]!.members.filter((m) => m.verdict === 'altered');
      assert.deepEqual(altered.map((m) => m.text), [LONG]);
      assert.ok(losses[0]!.members.some((m) => m.text === SHORT && m.verdict === 'identical'));
      assert.ok(losses[0]!.members.length >= 3);
    });
  });
});
