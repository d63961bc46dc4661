// The command line's language, as a user gets it: the built CLI (dist/cli.js, run by `npm run
// build`) started with NEWSMARK_LANG / LC_ALL / LANG. Messages for people follow the language;
// machine-readable output (--json) never does.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { corpusIn, inTemp, runExpecting } from './cliRun';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

interface Spawned {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** The built CLI with only the language variables given (and none inherited from whoever runs the tests). */
function cli(args: readonly string[], language: Language, cwd = ROOT): Spawned {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['NEWSMARK_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG', 'NEWSMARK_DEBUG', 'NEWSMARK_WORKERS']) delete env[name];
  const ran = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...env, ...language }, encoding: 'utf8', timeout: 60_000 });
  return { code: ran.status, out: ran.stdout, err: ran.stderr };
}

type Language = Readonly<Record<string, string>>;

const GERMAN: Language = { NEWSMARK_LANG: 'de' };
const ENGLISH: Language = { LANG: 'C' };

describe('newsmark in another language (the built CLI)', () => {
  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build before these tests`);
  });

  it('prints the help in German with NEWSMARK_LANG=de, and in English with LANG=C or nothing set', async () => {
    const german = cli(['--help'], GERMAN);
    assert.equal(german.code, 0, german.err);
    assert.match(german.out, /^Aufruf: newsmark <Befehl> \[Optionen\] PATH\.\.\.\n/);
    assert.match(german.out, /\nBefehle:\n {2}check \[--fix\] \[--json\] \[--no-cache\] PATH\.\.\.\n {21}Jedes Tag in seinem Artikel wiederfinden/);
    assert.match(german.out, /\n {2}-h, --help {9}Diese Hilfe anzeigen/);
    assert.doesNotMatch(german.out, /Usage:|Commands:|Find every tag again/);

    // In-process, main() always speaks English: what the CLI prints without a language is that.
    const inProcess = await runExpecting(0, ['--help']);
    for (const english of [ENGLISH, {}, { LANG: 'en_US.UTF-8' }, { NEWSMARK_LANG: 'en', LANG: 'de_DE.UTF-8' }] as Language[]) {
      const ran = cli(['--help'], english);
      assert.equal(ran.code, 0, ran.err);
      assert.equal(ran.out, `${inProcess.out}\n`, `English with ${JSON.stringify(english)}`);
    }
  });

  it('follows LC_ALL, LC_MESSAGES and LANG when NEWSMARK_LANG is not set', () => {
    for (const language of [{ LANG: 'de_DE.UTF-8' }, { LC_ALL: 'de_AT.UTF-8', LANG: 'C' }, { LC_MESSAGES: 'de', LANG: 'en_GB.UTF-8' }] as Language[]) {
      const ran = cli(['stats', '--help'], language);
      assert.equal(ran.code, 0, ran.err);
      assert.match(ran.out, /^Aufruf: newsmark stats /, `German with ${JSON.stringify(language)}`);
    }
    // A language with no translation: English.
    assert.match(cli(['stats', '--help'], { NEWSMARK_LANG: 'xx' }).out, /^Usage: newsmark stats /);
  });

  it('says bad usage in German, then the command\'s German usage; in English as before', () => {
    const german = cli(['check', '--frobnicate', 'samples'], GERMAN);
    assert.equal(german.code, 2);
    assert.equal(german.out, '');
    const [first, blank, usage] = german.err.split('\n');
    assert.equal(first, 'newsmark check: unbekannte Option --frobnicate (ein Pfad, der mit „-“ beginnt, gehört hinter „--“).');
    assert.equal(blank, '');
    assert.match(usage!, /^Aufruf: newsmark check \[--fix\]/);

    const english = cli(['check', '--frobnicate', 'samples'], ENGLISH);
    assert.equal(english.code, 2);
    assert.match(english.err, /^newsmark check: unknown option --frobnicate \(a path that starts with "-" goes after "--"\)\.\n\nUsage: newsmark check \[--fix\]/);

    const noPaths = cli(['stats'], GERMAN);
    assert.equal(noPaths.code, 2);
    assert.match(noPaths.err, /^newsmark stats: Geben Sie mindestens einen Artikel, eine Sidecar-Datei oder einen Ordner an\.\n/);
    assert.match(cli(['export', '--format', 'csv', '--format', 'brat', 'samples'], GERMAN).err, /^newsmark export: --format ist 2-mal angegeben; geben Sie es einmal an\./);
  });

  it('prints reports for people in German', async () => {
    await inTemp((dir) => {
      const corpus = corpusIn(dir);
      const checked = cli(['check', '--no-cache', corpus], GERMAN);
      assert.equal(checked.code, 0, checked.err);
      assert.match(checked.out, /\n4 Artikel: 42 verankert, 0 verschoben, 0 unscharf, 0 verwaist\n$/);
      const validated = cli(['validate', '--no-cache', corpus], GERMAN);
      assert.match(validated.out, /\n4 gültig, 0 ungültig\n$/);
      const english = cli(['check', '--no-cache', corpus], ENGLISH);
      assert.match(english.out, /\n4 articles: 42 anchored, 0 moved, 0 fuzzy, 0 orphaned\n$/);
      return Promise.resolve();
    });
  });

  it('gives the language to the parse workers and to ingest, built apart from dist/cli.js', async () => {
    await inTemp((dir) => {
      const corpus = corpusIn(dir);
      copyFileSync(join(corpus, 'daily-clarion.txt.tags.yaml'), join(corpus, 'ghost.txt.tags.yaml'));
      const onWorker = cli(['validate', '--no-cache', corpus], { ...GERMAN, NEWSMARK_WORKERS: '1' });
      assert.equal(onWorker.code, 1);
      assert.match(onWorker.out, /ghost\.txt\.tags\.yaml: Der Artikel ghost\.txt fehlt daneben; die Sidecar-Datei bleibt, wie sie ist\./);

      const ingested = cli(['ingest', '--out', join(dir, 'articles'), join(dir, 'no-such-page.html')], GERMAN);
      assert.equal(ingested.code, 1);
      assert.match(ingested.err, /no-such-page\.html: Datei nicht gefunden \(ENOENT\)/);
      return Promise.resolve();
    });
  });

  it('prints the same --json in every language', async () => {
    await inTemp((dir) => {
      const corpus = corpusIn(dir);
      const other = corpusIn(join(dir, 'other'));
      const commands = [
        ['stats', '--json', corpus],
        ['check', '--json', '--no-cache', corpus],
        ['figures', '--json', corpus],
        ['quotes', '--json', corpus],
        ['suggest', '--json', corpus],
        ['agree', '--json', corpus, other],
        ['export', '--format', 'jsonl', corpus],
      ];
      for (const args of commands) {
        const english = cli(args, ENGLISH, dir);
        const german = cli(args, GERMAN, dir);
        assert.equal(german.code, english.code, args.join(' '));
        assert.ok(english.out.length > 0, args.join(' '));
        assert.equal(german.out, english.out, `newsmark ${args.join(' ')}: the same output in German and in English`);
      }
      return Promise.resolve();
    });
  });

  it('has a German message for every message of the English bundle, with the same placeholders', () => {
    const english = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    const german = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>;
    const placeholders = (text: string): string => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort().join(' ');
    const missing = Object.keys(english).filter((key) => typeof german[key] !== 'string' || german[key] === '');
    assert.deepEqual(missing, [], 'English messages without German');
    const mismatched = Object.keys(english).filter((key) => placeholders(key) !== placeholders(german[key]!));
    assert.deepEqual(mismatched, [], 'German messages whose placeholders differ from the English');
  });
});
