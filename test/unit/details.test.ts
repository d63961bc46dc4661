import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parse as parseYamlText } from 'yaml';
import { detailProblem } from '../../src/core/details';
import { articleHash } from '../../src/core/articleFile';
import { SidecarFile } from '../../src/core/sidecar';
import { tagOn, write } from './cliCorpus';
import { inTemp, runExpecting } from './cliRun';

const SHA = 'a'.repeat(64);

function parseYaml(text: string): Record<string, unknown> {
  return parseYamlText(text) as Record<string, unknown>;
}

function sidecar(header: string, comment = '# kept comment\n'): string {
  return `${comment}newsmark: 1\narticle: harbor.txt\nsha256: ${SHA}\n${header}tags: []\n`;
}

function parse(text: string): SidecarFile {
  const parsed = SidecarFile.parse(text);
  assert.ok(parsed.ok, `should parse: ${JSON.stringify(parsed)}`);
  return parsed.sidecar;
}

test('the four details are read, typed, and written back byte for byte', () => {
  const text = sidecar('outlet: The Harbor Gazette\nurl: https://gazette.example/story\npublished: 2026-03-25\nheadline: "Ferry strike: talks stall"\n');
  const file = parse(text);
  assert.deepEqual(file.details, { outlet: 'The Harbor Gazette', url: 'https://gazette.example/story', published: '2026-03-25', headline: 'Ferry strike: talks stall' });
  assert.deepEqual(file.detailProblems, []);
  assert.equal(file.serialize(file.tags, file.sha256), text);
  assert.equal(file.serialize(file.tags, file.sha256, file.article, file.rejected, file.details), text);
});

// Both read paths (a file with an alias takes the thorough one) must give the same details.
test('the fast and the thorough read agree on the details', () => {
  const header = 'outlet: Clarion\npublished: 2026-03-25T08:30:00Z\n';
  const fast = parse(sidecar(header));
  const thorough = parse(sidecar(`${header}extra: &x 1\nagain: *x\n`));
  assert.deepEqual(fast.details, thorough.details);
  assert.deepEqual(fast.details, { outlet: 'Clarion', published: '2026-03-25T08:30:00Z' });
});

const BAD: [string, string, RegExp][] = [
  ['published: 25 March 2026\n', 'published', /ISO date/],
  ['published: 2026-02-30\n', 'published', /ISO date/],
  ['published: 2026\n', 'published', /must be text/],
  ['url: gazette.example/story\n', 'url', /http/],
  ['outlet: 42\n', 'outlet', /quote it/],
  ['headline: [a, b]\n', 'headline', /must be text/],
];

for (const [header, key, message] of BAD) {
  test(`a bad ${key} (${header.trim()}) is a problem on its line, the file still loads and keeps it`, () => {
    const text = sidecar(key === 'outlet' ? header : `outlet: Clarion\n${header}`);
    const file = parse(text);
    assert.equal(file.detailProblems.length, 1);
    assert.match(file.detailProblems[0]!.message, message);
    const line = text.split('\n').findIndex((l) => l.startsWith(`${key}:`)) + 1;
    assert.equal(file.detailProblems[0]!.line, line);
    assert.equal((file.details as Record<string, unknown>)[key], undefined);
    // Writing other details never drops the bad value.
    const written = file.serialize(file.tags, file.sha256, file.article, file.rejected, { ...file.details, headline: key === 'headline' ? undefined : 'New' });
    assert.deepEqual(parseYaml(written)[key], parseYaml(text)[key], written);
  });
}

test('setting details keeps comments, puts new keys before tags, and removes a cleared one', () => {
  const text = sidecar('outlet: Clarion   # the paper\nurl: https://clarion.example/a\n');
  const file = parse(text);
  const written = file.serialize(file.tags, file.sha256, file.article, file.rejected, { outlet: 'The Clarion', published: '2026-03-02', headline: 'Bridge: "sound", says board' });
  assert.ok(written.startsWith('# kept comment\n'), written);
  assert.match(written, /outlet: The Clarion +# the paper\n/);
  assert.doesNotMatch(written, /url:/);
  const again = parse(written);
  assert.deepEqual(again.details, { outlet: 'The Clarion', published: '2026-03-02', headline: 'Bridge: "sound", says board' });
  assert.ok(written.indexOf('headline') < written.indexOf('tags:'), written);
});

test('a new sidecar takes details', () => {
  const file = SidecarFile.create('harbor.txt', SHA);
  const written = file.serialize([], SHA, 'harbor.txt', [], { outlet: 'Clarion', published: '2026-03-02' });
  assert.deepEqual(parse(written).details, { outlet: 'Clarion', published: '2026-03-02' });
  assert.ok(written.indexOf('outlet') < written.indexOf('tags:'), written);
});

test('detailProblem accepts what input boxes may offer', () => {
  assert.equal(detailProblem('published', '2026-03-25'), undefined);
  assert.equal(detailProblem('published', '2026-03-25T08:30+02:00'), undefined);
  assert.equal(detailProblem('url', 'http://a.example'), undefined);
  assert.match(detailProblem('outlet', '  ') ?? '', /empty/);
});

test('newsmark validate names a bad detail by file and line, and stats still counts the tags', async () => {
  await inTemp(async (dir) => {
    const article = 'The ferry resumed on Friday after 300 passengers waited overnight.\n';
    const tag = tagOn(article, '300 passengers', 'figure', 'aaaaaaa1');
    write(dir, 'ferry.txt', article);
    const text = SidecarFile.create('ferry.txt', '').serialize([tag], articleHash(article)).replace('tags:', 'published: next week\ntags:');
    const sidecarPath = write(dir, 'ferry.txt.tags.yaml', text);
    const line = text.split('\n').indexOf('published: next week') + 1;
    const validate = await runExpecting(1, ['validate', dir]);
    // Line and column of the value at fault.
    assert.ok(validate.out.includes(`${sidecarPath}:${line}:12: "published" must be an ISO date`), validate.out);
    const stats = JSON.parse((await runExpecting(1, ['stats', '--json', dir])).out) as { total: { tags: number }; problems: string[] };
    assert.equal(stats.total.tags, 1);
    assert.equal(stats.problems.length, 1);
  });
});

test('a detail changed to a value plain YAML cannot hold is written in a style that reads back (it was `outlet: :`)', () => {
  const first = SidecarFile.parse(SidecarFile.create('a.txt', '').serialize([], SHA, 'a.txt', [], { outlet: 'Daily Clarion' }));
  assert.ok(first.ok);
  for (const outlet of [':\nEvening edition', ': the Clarion', '- Clarion', '#1 Daily', 'Clarion: Evening']) {
    const again = SidecarFile.parse(first.sidecar.serialize([], SHA, 'a.txt', [], { outlet }));
    assert.ok(again.ok, `${JSON.stringify(outlet)}: ${again.ok ? '' : again.problems[0]?.message}`);
    assert.equal(again.sidecar.details.outlet, outlet);
  }
});
