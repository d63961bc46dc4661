// Translations stay complete: the committed English bundle is what the sources produce (npm run
// l10n), every English message and every package.json string has a German one with the same
// placeholders, nothing stale is left in the German files, a core page renders in German once the
// German bundle is loaded, and the command line picks its language from the environment.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import * as l10n from '@vscode/l10n';
import { useLanguageOf } from '../../src/cli/language';
import { compareOutlets } from '../../src/core/compare/comparison';
import { compareBody } from '../../src/core/compare/page';
import { escapeHtml } from '../../src/core/htmlEscape';

const ROOT = join(__dirname, '..', '..');
/** The languages Newsmark ships besides English; each needs both files below. */
const LANGUAGES = ['de'];

type Bundle = Record<string, string | { message: string; comment?: string[] }>;

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** A bundle as key → message (the exporter writes `{ message, comment }` for a message with a comment). */
function messages(bundle: Bundle): Map<string, string> {
  return new Map(Object.entries(bundle).map(([key, value]) => [key, typeof value === 'string' ? value : value.message]));
}

function readBundle(path: string): Map<string, string> {
  return messages(readJson(path) as Bundle);
}

/** `{0}`, `{1}`, `{name}`: the placeholders a message fills in, each once, sorted. */
function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\d+|[A-Za-z_$][\w$]*)\}/g)].map((m) => m[0]))].sort();
}

/** The messages of `english` that `translated` lacks, leaves empty, gets the placeholders wrong in, or has beyond them. */
function translationProblems(english: Map<string, string>, translated: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const [key, message] of english) {
    const other = translated.get(key);
    if (other === undefined) problems.push(`missing: ${JSON.stringify(key)}`);
    else if (other.trim() === '') problems.push(`empty: ${JSON.stringify(key)}`);
    else if (placeholders(other).join() !== placeholders(message).join()) {
      problems.push(`placeholders ${placeholders(other).join(' ') || 'none'} instead of ${placeholders(message).join(' ') || 'none'}: ${JSON.stringify(key)}`);
    }
  }
  for (const key of translated.keys()) if (!english.has(key)) problems.push(`stale (not in the English file): ${JSON.stringify(key)}`);
  return problems;
}

describe('the l10n bundles', () => {
  it('l10n/bundle.l10n.json is what `npm run l10n` makes of the sources', () => {
    const out = mkdtempSync(join(tmpdir(), 'newsmark-l10n-'));
    try {
      const cli = join(ROOT, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
      execFileSync(process.execPath, [cli, 'export', '--outDir', out, './src'], { cwd: ROOT, stdio: 'pipe' });
      // With no message in the sources the exporter writes no file at all.
      const exported = join(out, 'bundle.l10n.json');
      const produced = existsSync(exported) ? readBundle(exported) : new Map<string, string>();
      const committed = readBundle(join(ROOT, 'l10n', 'bundle.l10n.json'));
      const missing = [...produced.keys()].filter((k) => !committed.has(k));
      const extra = [...committed.keys()].filter((k) => !produced.has(k));
      const changed = [...produced].filter(([k, m]) => committed.has(k) && committed.get(k) !== m).map(([k]) => k);
      assert.deepEqual({ missing, extra, changed }, { missing: [], extra: [], changed: [] }, 'l10n/bundle.l10n.json is out of date: run `npm run l10n` and commit it');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  for (const language of LANGUAGES) {
    it(`l10n/bundle.l10n.${language}.json translates every message, keeping its placeholders, and nothing else`, () => {
      const english = readBundle(join(ROOT, 'l10n', 'bundle.l10n.json'));
      const translated = readBundle(join(ROOT, 'l10n', `bundle.l10n.${language}.json`));
      assert.deepEqual(translationProblems(english, translated), []);
    });
  }
});

/** The property names whose strings in package.json's `contributes` people read (or hear). */
const SHOWN = new Set([
  'title', 'shortTitle', 'description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'enumItemLabels',
  'deprecationMessage', 'markdownDeprecationMessage', 'label', 'altText', 'contents', 'name', 'contextualTitle', 'category', 'tooltip',
]);
/** Left literal on purpose: the product's name is the same in every language. */
const BRAND = 'Newsmark';
const NLS_KEY = /^%([^%\s]+)%$/;

/** Every string people read in package.json, with where it is: `contributes` walked, top-level description and display name. */
function shownStrings(manifest: Record<string, unknown>): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  for (const key of ['displayName', 'description']) if (typeof manifest[key] === 'string') found.push({ where: key, text: manifest[key] });
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${where}[${i}]`));
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        const at = `${where}.${key}`;
        if (SHOWN.has(key) && typeof value === 'string') found.push({ where: at, text: value });
        else if (SHOWN.has(key) && Array.isArray(value) && value.every((v) => typeof v === 'string')) value.forEach((v: string, i) => found.push({ where: `${at}[${i}]`, text: v }));
        // A language's first alias is its name in the language picker; the others are ids people type.
        else if (key === 'aliases' && Array.isArray(value) && typeof value[0] === 'string') found.push({ where: `${at}[0]`, text: value[0] });
        else walk(value, at);
      }
    }
  };
  walk(manifest['contributes'], 'contributes');
  return found;
}

describe('package.json and its package.nls files', () => {
  const manifest = readJson(join(ROOT, 'package.json')) as Record<string, unknown>;
  const english = new Map(Object.entries(readJson(join(ROOT, 'package.nls.json')) as Record<string, string>));

  it('leaves no string people read as literal English: each is a %key% of package.nls.json', () => {
    const shown = shownStrings(manifest);
    assert.ok(shown.some((s) => s.where.startsWith('contributes.commands')), 'the walk reaches the command titles');
    const literal = shown.filter((s) => !NLS_KEY.test(s.text) && s.text !== BRAND).map((s) => `${s.where}: ${JSON.stringify(s.text)}`);
    assert.deepEqual(literal, [], 'move these into package.nls.json (and its translations) as %key%');
    const unknown = shown.map((s) => NLS_KEY.exec(s.text)?.[1]).filter((k): k is string => k !== undefined && !english.has(k));
    assert.deepEqual(unknown, [], 'package.json names keys package.nls.json lacks');
  });

  it('uses every key of package.nls.json (anywhere in package.json)', () => {
    const used = new Set([...JSON.stringify(manifest).matchAll(/"%([^%\s"]+)%"/g)].map((m) => m[1]!));
    assert.deepEqual([...english.keys()].filter((k) => !used.has(k)), []);
    for (const [key, message] of english) assert.ok(message.trim() !== '', `package.nls.json: ${key} is empty`);
  });

  // A walkthrough step's page is a Markdown file: each language names its own (a %key% whose value
  // is a path), and its pictures must load from where the page is.
  for (const language of ['', ...LANGUAGES]) {
    const file = `package.nls${language === '' ? '' : `.${language}`}.json`;
    it(`${file}: every walkthrough page exists, ${language === '' ? 'in English' : 'in its language'}, and its pictures resolve`, () => {
      const nls = readJson(join(ROOT, file)) as Record<string, string>;
      const pages = Object.entries(nls).filter(([key]) => /^walkthrough\..*\.markdown$/.test(key));
      assert.equal(pages.length, 6, `${file} names the six steps' pages`);
      for (const [key, page] of pages) {
        assert.ok(existsSync(join(ROOT, page)), `${key}: ${page} exists`);
        if (language !== '') assert.ok(page.includes(`/${language}/`), `${key}: ${page} is the ${language} page, not the English one`);
        const pictures = [...readFileSync(join(ROOT, page), 'utf8').matchAll(/!\[[^\]]+\]\(([^)]+)\)/g)].map((m) => m[1]!);
        assert.ok(pictures.length > 0, `${page} shows a picture with alt text`);
        for (const picture of pictures) assert.ok(existsSync(join(ROOT, page, '..', picture)), `${page}: ${picture} resolves`);
      }
    });
  }

  for (const language of LANGUAGES) {
    it(`package.nls.${language}.json has exactly the keys of package.nls.json, none empty, placeholders kept`, () => {
      const translated = new Map(Object.entries(readJson(join(ROOT, `package.nls.${language}.json`)) as Record<string, string>));
      assert.deepEqual(translationProblems(english, translated), []);
    });
  }
});

describe('a core page in German', () => {
  afterEach(() => l10n.config({ contents: {} }));

  // The Compare Outlets page's heading and summary.
  const heading = 'Compare outlets';
  const articles = '{0} tagged articles';

  it('renders in German when @vscode/l10n has the German bundle, and in English again without it', () => {
    const english = readBundle(join(ROOT, 'l10n', 'bundle.l10n.json'));
    assert.ok(english.has(heading) && english.has(articles), `the English bundle has "${heading}" and "${articles}"`);
    const german = readJson(join(ROOT, 'l10n', 'bundle.l10n.de.json')) as Record<string, string>;
    assert.ok(german[heading] && german[articles], `l10n/bundle.l10n.de.json translates "${heading}" and "${articles}"`);
    const englishBody = compareBody(compareOutlets([]));
    l10n.config({ contents: german });
    const germanBody = compareBody(compareOutlets([]));
    assert.ok(germanBody.includes(`<h1>${escapeHtml(german[heading])}</h1>`), `the German heading ${JSON.stringify(german[heading])} in:\n${germanBody.slice(0, 400)}`);
    assert.ok(germanBody.includes(escapeHtml(german[articles].replace('{0}', '0'))), `the German summary in:\n${germanBody.slice(0, 400)}`);
    assert.notEqual(germanBody, englishBody);
    l10n.config({ contents: {} });
    assert.equal(compareBody(compareOutlets([])), englishBody);
  });
});

describe('useLanguageOf (the command line)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'newsmark-l10n-cli-'));
  writeFileSync(join(folder, 'bundle.l10n.de.json'), JSON.stringify({ 'No tags.': 'Keine Tags.' }));
  afterEach(() => l10n.config({ contents: {} }));
  after(() => rmSync(folder, { recursive: true, force: true }));

  const cases: [string, NodeJS.ProcessEnv, string | undefined][] = [
    ['NEWSMARK_LANG=de', { NEWSMARK_LANG: 'de' }, 'de'],
    ['LANG=de_DE.UTF-8', { LANG: 'de_DE.UTF-8' }, 'de'],
    ['LC_ALL=de_AT.UTF-8 over LANG=en_US.UTF-8', { LC_ALL: 'de_AT.UTF-8', LANG: 'en_US.UTF-8' }, 'de'],
    ['NEWSMARK_LANG=en over LANG=de_DE.UTF-8', { NEWSMARK_LANG: 'en', LANG: 'de_DE.UTF-8' }, undefined],
    ['LANG=C', { LANG: 'C' }, undefined],
    ['LANG=en_US.UTF-8', { LANG: 'en_US.UTF-8' }, undefined],
    ['LANG=fr_FR.UTF-8 (no French bundle)', { LANG: 'fr_FR.UTF-8' }, undefined],
    ['nothing set', {}, undefined],
  ];
  for (const [name, env, expected] of cases) {
    it(`${name} → ${expected ?? 'English'}`, () => {
      assert.equal(useLanguageOf(env, folder), expected);
      assert.equal(l10n.t('No tags.'), expected === 'de' ? 'Keine Tags.' : 'No tags.');
    });
  }
});
