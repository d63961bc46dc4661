// The command line's writers (import, suggest --write, check --fix) write only what they could
// read: a sidecar they cannot read, or one that is a link to somewhere else, is left byte for
// byte with one line naming it; tags of an article that changed are found again before anything
// is added, so `validate` passes afterwards.
import { strict as assert } from 'node:assert';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { doccanoLine, FERRY, readSidecar, run, sidecarText, tagged, tagOn, tempDir, TRAM, write } from './cliCorpus';

const CLAIM = tagOn(TRAM, 'the new tram line would open in March', 'claim', 'c1a1a1a1');
const FIGURE = tagOn(TRAM, '48 million crowns', 'figure', 'f1f1f1f1');

/** An import file adding a framing tag on "reckless gamble" to tram.txt. */
function importFile(dir: string, article = 'tram.txt'): string {
  const start = TRAM.indexOf('reckless gamble');
  return write(dir, 'in/framing.jsonl', doccanoLine(article, TRAM, [[start, start + 'reckless gamble'.length, 'framing']]) + '\n');
}

const importInto = (dir: string, articles = join(dir, 'corpus')): Promise<{ code: number; out: string; err: string }> =>
  run(['import', '--format', 'doccano', '--articles', articles, join(dir, 'in')]);

/** Sidecars none of the writers may touch, each with why. */
const UNREADABLE: [string, (article: string) => Uint8Array][] = [
  ['invalid UTF-8', (a) => Buffer.concat([Buffer.from(sidecarText('tram.txt', a, [CLAIM]).replace('author: test', 'author: caf')), Buffer.from([0xe9, 0x0a])])],
  ['a raw NUL', (a) => Buffer.from(sidecarText('tram.txt', a, [CLAIM]).replace('author: test', 'author: "nul\u0000here"'))],
  ['over the size limit', (a) => Buffer.from(sidecarText('tram.txt', a, [CLAIM]) + `# ${'x'.repeat(11 * 1024 * 1024)}\n`)],
  ['a YAML tag on its mapping (read, but not written back faithfully)', (a) => Buffer.from(`!!str\n${sidecarText('tram.txt', a, [CLAIM])}`)],
];

describe('CLI writers leave a sidecar they cannot read byte for byte', () => {
  for (const [why, bytesOf] of UNREADABLE) {
    for (const command of ['import', 'suggest --write', 'check --fix'] as const) {
      it(`${command}: a sidecar with ${why}`, async () => {
        const dir = tempDir('writers');
        try {
          write(dir, 'corpus/tram.txt', `An editor's note.\n${TRAM}`); // changed since tagged: check --fix would write
          const sidecar = write(dir, 'corpus/tram.txt.tags.yaml', bytesOf(TRAM));
          const before = readFileSync(sidecar);
          importFile(dir);
          const result = command === 'import' ? await importInto(dir)
            : command === 'suggest --write' ? await run(['suggest', '--write', join(dir, 'corpus', 'tram.txt')])
            : await run(['check', '--fix', join(dir, 'corpus')]);
          assert.equal(result.code, 1, `${result.out}\n${result.err}`);
          assert.match(`${result.out}\n${result.err}`, /tram\.txt\.tags\.yaml/, 'the message names the sidecar');
          assert.ok(readFileSync(sidecar).equals(before), 'the sidecar is unchanged');
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  }

  for (const command of ['import', 'suggest --write'] as const) {
    it(`${command}: a sidecar that is there but cannot be read (a folder of that name) is refused, never replaced`, async () => {
      const dir = tempDir('writers');
      try {
        write(dir, 'corpus/tram.txt', TRAM);
        write(dir, 'corpus/tram.txt.tags.yaml/keep.txt', 'not a sidecar');
        importFile(dir);
        const result = command === 'import' ? await importInto(dir) : await run(['suggest', '--write', join(dir, 'corpus', 'tram.txt')]);
        assert.equal(result.code, 1, `${result.out}\n${result.err}`);
        assert.match(result.err, /tram\.txt\.tags\.yaml.*cannot be read/);
        assert.ok(statSync(join(dir, 'corpus', 'tram.txt.tags.yaml')).isDirectory());
        assert.equal(readFileSync(join(dir, 'corpus', 'tram.txt.tags.yaml', 'keep.txt'), 'utf8'), 'not a sidecar');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('CLI writers re-attach existing tags before adding new ones', () => {
  for (const command of ['import', 'suggest --write'] as const) {
    it(`${command} after the article changed on disk: validate passes afterwards`, async () => {
      const dir = tempDir('writers');
      try {
        tagged(join(dir, 'corpus'), 'tram.txt', TRAM, [CLAIM, FIGURE]);
        const changed = `Updated at 10:40 with comment from the authority.\n${TRAM}`;
        write(dir, 'corpus/tram.txt', changed);
        const start = changed.indexOf('reckless gamble');
        write(dir, 'in/framing.jsonl', doccanoLine('tram.txt', changed, [[start, start + 'reckless gamble'.length, 'framing']]) + '\n');
        const result = command === 'import' ? await importInto(dir) : await run(['suggest', '--write', join(dir, 'corpus', 'tram.txt')]);
        assert.equal(result.code, 0, `${result.out}\n${result.err}`);
        const after = readSidecar(join(dir, 'corpus', 'tram.txt.tags.yaml'));
        const claim = after.tags.find((t) => t.id === CLAIM.id);
        assert.equal(claim?.start, CLAIM.start + 50, 'the old tag moved with its text');
        assert.ok(after.tags.some((t) => t.category === 'framing' && t.text === 'reckless gamble'), 'the new tag is there');
        const validate = await run(['validate', join(dir, 'corpus')]);
        assert.equal(validate.code, 0, validate.out);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('CLI writers and symbolic links', () => {
  for (const command of ['import', 'suggest --write', 'check --fix'] as const) {
    it(`${command}: a sidecar linked to another article's sidecar is refused and both stay as they are`, async () => {
      const dir = tempDir('writers');
      try {
        tagged(join(dir, 'corpus'), 'ferry.txt', FERRY, [tagOn(FERRY, '300 passengers', 'figure', 'aaaa0001')]);
        write(dir, 'corpus/tram.txt', `Changed.\n${TRAM}`);
        symlinkSync('ferry.txt.tags.yaml', join(dir, 'corpus', 'tram.txt.tags.yaml'));
        const ferryBefore = readFileSync(join(dir, 'corpus', 'ferry.txt.tags.yaml'));
        importFile(dir);
        const result = command === 'import' ? await importInto(dir)
          : command === 'suggest --write' ? await run(['suggest', '--write', join(dir, 'corpus', 'tram.txt')])
          : await run(['check', '--fix', join(dir, 'corpus', 'tram.txt')]);
        assert.equal(result.code, 1, `${result.out}\n${result.err}`);
        assert.match(`${result.out}\n${result.err}`, /tram\.txt\.tags\.yaml.*link/);
        assert.ok(lstatSync(join(dir, 'corpus', 'tram.txt.tags.yaml')).isSymbolicLink(), 'the link is still a link');
        assert.equal(readlinkSync(join(dir, 'corpus', 'tram.txt.tags.yaml')), 'ferry.txt.tags.yaml');
        assert.ok(readFileSync(join(dir, 'corpus', 'ferry.txt.tags.yaml')).equals(ferryBefore), "the other article's sidecar is unchanged");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('suggest --write writes through a link that leads to the article\'s own sidecar (article and sidecar both linked from another folder)', async () => {
    const dir = tempDir('writers');
    try {
      tagged(join(dir, 'store'), 'tram.txt', TRAM, [CLAIM]);
      mkdirSync(join(dir, 'desk'));
      symlinkSync(join(dir, 'store', 'tram.txt'), join(dir, 'desk', 'tram.txt'));
      symlinkSync(join(dir, 'store', 'tram.txt.tags.yaml'), join(dir, 'desk', 'tram.txt.tags.yaml'));
      const result = await run(['suggest', '--write', join(dir, 'desk', 'tram.txt')]);
      assert.equal(result.code, 0, `${result.out}\n${result.err}`);
      assert.ok(lstatSync(join(dir, 'desk', 'tram.txt.tags.yaml')).isSymbolicLink(), 'the link is still a link');
      const after = readSidecar(join(dir, 'store', 'tram.txt.tags.yaml'));
      assert.ok(after.tags.some((t) => t.id === CLAIM.id));
      assert.ok(after.tags.some((t) => t.author === 'newsmark-suggest'), 'the suggestions went into the file the link leads to');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('folder scans name the symlinked sidecars they skip', async () => {
    const dir = tempDir('writers');
    try {
      tagged(dir, 'ferry.txt', FERRY, [tagOn(FERRY, '300 passengers', 'figure', 'aaaa0001')]);
      write(dir, 'tram.txt', TRAM);
      symlinkSync('ferry.txt.tags.yaml', join(dir, 'tram.txt.tags.yaml'));
      for (const args of [['check', '--fix'], ['validate'], ['stats']]) {
        const result = await run([...args, dir]);
        assert.equal(result.code, 0, `${args.join(' ')}: ${result.out}\n${result.err}`);
        assert.match(result.err, new RegExp(`skipped symlink .*tram\\.txt\\.tags\\.yaml`), args.join(' '));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('import and articles of the same name', () => {
  it('refuses a record naming an article found twice under --articles, naming both, and imports the rest', async () => {
    const dir = tempDir('writers');
    try {
      write(dir, 'corpus/tram.txt', TRAM);
      write(dir, 'corpus/archive/tram.txt', TRAM);
      write(dir, 'corpus/ferry.txt', FERRY);
      const start = TRAM.indexOf('reckless gamble');
      const ferryAt = FERRY.indexOf('stunning failure');
      write(dir, 'in/both.jsonl', [
        doccanoLine('tram.txt', TRAM, [[start, start + 15, 'framing']]),
        doccanoLine('ferry.txt', FERRY, [[ferryAt, ferryAt + 16, 'framing']]),
      ].join('\n') + '\n');
      const result = await importInto(dir);
      assert.equal(result.code, 1, `${result.out}\n${result.err}`);
      assert.match(result.err, /tram\.txt/);
      assert.match(result.err, new RegExp(`${join('corpus', 'tram.txt').replace(/[/\\]/g, '.')}`));
      assert.match(result.err, new RegExp(`${join('corpus', 'archive', 'tram.txt').replace(/[/\\]/g, '.')}`));
      assert.match(result.err, /--articles/);
      for (const p of ['corpus/tram.txt.tags.yaml', 'corpus/archive/tram.txt.tags.yaml']) {
        assert.throws(() => statSync(join(dir, p)), /ENOENT/, `${p} was not written`);
      }
      assert.equal(readSidecar(join(dir, 'corpus', 'ferry.txt.tags.yaml')).tags.length, 1, 'the unambiguous article is imported');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says an article a record names could not be read, rather than that there is none', async () => {
    const dir = tempDir('writers');
    try {
      write(dir, 'corpus/tram.txt', Buffer.from([0x66, 0xe9, 0x65, 0x0a])); // Latin-1, not UTF-8
      importFile(dir);
      const result = await importInto(dir);
      assert.equal(result.code, 1, `${result.out}\n${result.err}`);
      assert.match(result.err, /tram\.txt is not UTF-8 text/);
      assert.doesNotMatch(result.err, /no article/);
      assert.throws(() => statSync(join(dir, 'corpus', 'tram.txt.tags.yaml')), /ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not mind two articles of one name that no record names', async () => {
    const dir = tempDir('writers');
    try {
      write(dir, 'corpus/tram.txt', TRAM);
      write(dir, 'corpus/a/ferry.txt', FERRY);
      write(dir, 'corpus/b/ferry.txt', FERRY);
      importFile(dir);
      const result = await importInto(dir);
      assert.equal(result.code, 0, `${result.out}\n${result.err}`);
      assert.equal(readSidecar(join(dir, 'corpus', 'tram.txt.tags.yaml')).tags.length, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The import file the tests above use does import (so their refusals are refusals, not misreadings).
describe('the writers test corpus', () => {
  it('imports a framing tag into an untagged article', async () => {
    const dir = tempDir('writers');
    try {
      write(dir, 'corpus/tram.txt', TRAM);
      importFile(dir);
      const result = await importInto(dir);
      assert.equal(result.code, 0, `${result.out}\n${result.err}`);
      assert.deepEqual(readSidecar(join(dir, 'corpus', 'tram.txt.tags.yaml')).tags.map((t) => t.text), ['reckless gamble']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
