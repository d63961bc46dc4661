// Grammar tests for the News Article TextMate grammar (syntaxes/news-article.tmLanguage.json).
// Runs every test/grammar/*.article fixture through vscode-tmgrammar-test (the same engine as
// `npx vscode-tmgrammar-test -g syntaxes/news-article.tmLanguage.json 'test/grammar/*.article'`),
// adds a few checks of the language configuration and the sample articles, and ends with the usual
// "grammar: N passed, N failed" line (scripts/results.mjs).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printResults } from './results.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const GRAMMAR = join(ROOT, 'syntaxes', 'news-article.tmLanguage.json');
const LANGUAGE_CONFIG = join(ROOT, 'syntaxes', 'news-article.language-configuration.json');
const FIXTURES = join(ROOT, 'test', 'grammar');
const SCOPE = 'text.news-article';

const require = createRequire(import.meta.url);
// vscode-tmgrammar-test has no "exports" map; these are the modules its own CLI (dist/unit.js) uses.
const { createRegistry } = require('vscode-tmgrammar-test/dist/common/index.js');
const { parseGrammarTestCase, runGrammarTestCase } = require('vscode-tmgrammar-test/dist/unit/index.js');

const tests = [];
async function test(title, fn) {
  const start = Date.now();
  try {
    await fn();
    tests.push({ fullTitle: title, state: 'passed', duration: Date.now() - start });
  } catch (err) {
    tests.push({ fullTitle: title, state: 'failed', duration: Date.now() - start, error: { message: err.message } });
  }
}

function describeFailure(file, source, f) {
  const line = source[f.srcLine] ?? '';
  const where = `${file}:${f.line + 1}:${f.start + 1}-${f.end}`;
  const text = JSON.stringify(line.slice(f.start, f.end));
  const parts = [`${where} ${text}`];
  if (f.missing.length) parts.push(`  missing:    ${f.missing.join(' ')}`);
  if (f.unexpected.length) parts.push(`  prohibited: ${f.unexpected.join(' ')}`);
  parts.push(`  actual:     ${f.actual.join(' ') || '(no token)'}`);
  return parts.join('\n');
}

const registry = createRegistry([{ path: GRAMMAR, scopeName: SCOPE }]);
const fixtures = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((f) => f.endsWith('.article')).sort() : [];

await test('grammar file is valid JSON with scopeName text.news-article', () => {
  const g = JSON.parse(readFileSync(GRAMMAR, 'utf8'));
  if (g.scopeName !== SCOPE) throw new Error(`scopeName is ${g.scopeName}`);
});

for (const name of fixtures) {
  const file = relative(ROOT, join(FIXTURES, name));
  await test(`fixture ${name}`, async () => {
    const testCase = parseGrammarTestCase(readFileSync(join(FIXTURES, name), 'utf8'));
    if (testCase.metadata.scope !== SCOPE) throw new Error(`header scope is ${testCase.metadata.scope}, expected ${SCOPE}`);
    if (!testCase.assertions.length) throw new Error('no assertions');
    const failures = await runGrammarTestCase(registry, testCase);
    if (failures.length) {
      throw new Error(`${failures.length} failed assertion(s):\n` + failures.map((f) => describeFailure(file, testCase.source, f)).join('\n'));
    }
  });
}
if (!fixtures.length) await test('fixtures exist', () => { throw new Error(`no *.article files in ${relative(ROOT, FIXTURES)}`); });

await test('language configuration: valid JSON, word pattern keeps apostrophes and figures together', () => {
  const config = JSON.parse(readFileSync(LANGUAGE_CONFIG, 'utf8'));
  const words = 'Velmora’s don\'t well-staged 1,351 3.5% @PortNews'.match(new RegExp(config.wordPattern, 'g'));
  const expected = ['Velmora’s', 'don\'t', 'well-staged', '1,351', '3.5%', '@PortNews'];
  if (JSON.stringify(words) !== JSON.stringify(expected)) throw new Error(`words: ${JSON.stringify(words)}`);
  for (const open of ['(', '[', '{', '“', '‘', '"', '\'']) {
    if (!config.autoClosingPairs.some((p) => p.open === open)) throw new Error(`no auto-closing pair for ${open}`);
  }
});

await test('sample articles tokenize quickly with the headline on line 1', async () => {
  const grammar = await registry.loadGrammar(SCOPE);
  const dir = join(ROOT, 'samples');
  const samples = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')) : [];
  for (const name of samples) {
    const lines = readFileSync(join(dir, name), 'utf8').split(/\r?\n/);
    let stack = null;
    const start = Date.now();
    lines.forEach((line, i) => {
      const r = grammar.tokenizeLine(line, stack);
      stack = r.ruleStack;
      if (i === 0 && line.trim() && !r.tokens.some((t) => t.scopes.includes('markup.heading.news-article'))) {
        throw new Error(`${name}: line 1 is not a headline`);
      }
    });
    if (Date.now() - start > 2000) throw new Error(`${name}: tokenizing took ${Date.now() - start}ms`);
  }
});

const { failed } = printResults('grammar', { tests });
process.exit(failed ? 1 : 0);
