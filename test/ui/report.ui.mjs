// UI test of the HTML report (newsmark export --format html), run by scripts/test-codeserver.mjs.
// It needs no workbench: it builds a report from a fresh copy of samples/ plus a fictional article
// holding a <script> and nested, overlapping and disputed tags, opens it with file:// in a new
// light-scheme page of the same browser, checks it, and saves media/screenshots/report.png.
// The report comes from the built CLI (dist/cli.js), which must have the export command (the test
// fails otherwise); the tags expected come from SidecarFile.parse, bundled with esbuild.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from '../../scripts/codeserver.mjs';
import { screenshotDir } from './helpers.mjs';

export const title = 'HTML report';

const SCRIPT_ARTICLE = 'zeta-bulletin.txt';
const SCRIPT_TEXT = [
  'Zeta Bulletin — Night desk',
  '',
  'A reader pasted <script>alert("gotcha")</script> into the comment form, the Bulletin reported.',
  'Officials said 3,000 households lost power, a figure the utility called “wildly inflated”.',
  '',
].join('\n');

/** Bundles the project's sidecar parser and article hash once (CommonJS, loaded with require). */
async function core(root, dir) {
  const esbuild = await import('esbuild');
  const outfile = join(dir, 'report-core.cjs');
  await esbuild.build({
    stdin: {
      contents: ["export { SidecarFile } from './src/core/sidecar';", "export { articleHash } from './src/core/articleFile';"].join('\n'),
      resolveDir: root, sourcefile: 'report-core.ts', loader: 'ts',
    },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

/** Code-point offsets of NEEDLE in TEXT (LF). */
function span(text, needle) {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`fixture: ${needle} not in text`);
  const start = [...text.slice(0, i)].length;
  return { start, end: start + [...needle].length, text: needle };
}

/** Writes the <script> article and its sidecar: a claim with a figure nested in it, an overlapping denial, a disputed tag. */
function writeScriptArticle(dir, articleHash) {
  const tags = [
    { id: 'a1b2c3d4', category: 'claim', ...span(SCRIPT_TEXT, 'A reader pasted <script>alert("gotcha")</script> into the comment form'), note: 'Only the Bulletin reports this; "unconfirmed" <b>so far</b>' },
    { id: 'b2c3d4e5', category: 'framing', ...span(SCRIPT_TEXT, '<script>alert("gotcha")</script>'), review: 'disputed', reviewer: 'qa' },
    { id: 'c3d4e5f6', category: 'claim', ...span(SCRIPT_TEXT, 'Officials said 3,000 households lost power') },
    { id: 'd4e5f6a7', category: 'figure', ...span(SCRIPT_TEXT, '3,000 households'), note: 'Utility says 1,900' },
    { id: 'e5f6a7b8', category: 'denial', ...span(SCRIPT_TEXT, 'lost power, a figure the utility called “wildly inflated”') },
  ];
  const q = (s) => JSON.stringify(s);
  const yaml = [
    `newsmark: 1`, `article: ${SCRIPT_ARTICLE}`, `sha256: ${articleHash(SCRIPT_TEXT)}`, 'tags:',
    ...tags.flatMap((t) => [
      `  - id: ${q(t.id)}`, `    category: ${t.category}`, `    start: ${t.start}`, `    end: ${t.end}`, `    text: ${q(t.text)}`,
      `    prefix: ""`, `    suffix: ""`, ...(t.note ? [`    note: ${q(t.note)}`] : []),
      ...(t.review ? [`    review: ${t.review}`, `    reviewer: ${t.reviewer}`] : []),
    ]),
    '',
  ].join('\n');
  writeFileSync(join(dir, SCRIPT_ARTICLE), SCRIPT_TEXT);
  writeFileSync(join(dir, `${SCRIPT_ARTICLE}.tags.yaml`), yaml);
}

/** The report's path, built by the CLI under test: a CLI that cannot export fails the test, never falls back. */
function buildReport(root, articlesDir, outDir, log) {
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build before the UI tests`);
  const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
  if (!/^\s*export\b/m.test(help.stdout ?? '')) throw new Error(`${cli} --help lists no export command (exit ${help.status}): ${help.stderr}${help.stdout}`);
  const r = spawnSync(process.execPath, [cli, 'export', '--format', 'html', '--out', outDir, articlesDir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`newsmark export --format html failed (${r.status}): ${r.stderr}${r.stdout}`);
  log(`report: built with dist/cli.js export (${r.stdout.trim()})`);
  return join(outDir, 'report.html');
}

let report; // { file, expected: Map<id, text> }

async function openReport(ctx) {
  const context = await ctx.page.context().browser().newContext({ viewport: { width: 1100, height: 1300 }, colorScheme: 'light' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  page.on('request', (req) => { if (req.url() !== page.url() && !req.url().endsWith('/report.html')) problems.push(`unexpected request: ${req.url()}`); });
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  await page.goto(`file://${report.file}`);
  await page.waitForLoadState('load');
  return { page, context, problems };
}

export const tests = [
  {
    title: 'a report built from the samples and a <script> article opens from file:// without errors or requests',
    timeout: 60_000,
    async fn(ctx) {
      const dir = mkdtempSync(join(tmpdir(), 'newsmark-report-'));
      onCleanup(() => rmSync(dir, { recursive: true, force: true })); // also when a test fails or the next is not run
      const articlesDir = join(dir, 'articles');
      const outDir = join(dir, 'out');
      mkdirSync(outDir, { recursive: true });
      cpSync(join(ctx.root, 'samples'), articlesDir, { recursive: true });
      const m = await core(ctx.root, dir);
      writeScriptArticle(articlesDir, m.articleHash);
      const expected = new Map();
      for (const f of readdirSync(articlesDir).filter((n) => n.endsWith('.tags.yaml'))) {
        const parsed = m.SidecarFile.parse(readFileSync(join(articlesDir, f), 'utf8'));
        if (!parsed.ok) throw new Error(`${f} does not parse: ${JSON.stringify(parsed.problems)}`);
        for (const t of parsed.sidecar.tags) if (t.status !== 'orphaned' && t.start !== t.end) expected.set(t.id, t.text);
      }
      report = { dir, file: buildReport(ctx.root, articlesDir, outDir, ctx.log), expected };
      const { page, context, problems } = await openReport(ctx);
      try {
        const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
        if (!/default-src 'none'/.test(csp ?? '')) throw new Error(`CSP meta missing or weak: ${csp}`);
        if (problems.length) throw new Error(problems.join('\n'));
      } finally {
        await context.close();
      }
    },
  },
  {
    title: 'every tag is highlighted over exactly its text, the <script> shows as text, and a screenshot is saved',
    timeout: 60_000,
    async fn(ctx) {
      if (!report) throw new Error('no report (the previous test failed)');
      const { page, context, problems } = await openReport(ctx);
      try {
        const found = await page.evaluate(() => {
          const byId = {};
          for (const m of document.querySelectorAll('mark[data-tag]')) (byId[m.dataset.tag] ??= []).push(m.textContent);
          return { byId, scripts: document.querySelectorAll('script').length, body: document.body.innerText };
        });
        const ids = Object.keys(found.byId).sort();
        const want = [...report.expected.keys()].sort();
        if (JSON.stringify(ids) !== JSON.stringify(want)) throw new Error(`highlighted ids ${ids.length} != tags ${want.length}: ${ids.filter((i) => !want.includes(i)).concat(want.filter((i) => !ids.includes(i))).join(', ')}`);
        for (const [id, text] of report.expected) {
          const shown = found.byId[id].join('');
          if (shown !== text) throw new Error(`tag ${id}: highlighted ${JSON.stringify(shown)}, expected ${JSON.stringify(text)}`);
        }
        if (found.byId.a1b2c3d4.length < 3) throw new Error('the claim around the nested <script> tag should be cut into 3 pieces');
        if (found.scripts !== 0) throw new Error(`${found.scripts} <script> elements in the report`);
        if (!found.body.includes('A reader pasted <script>alert("gotcha")</script> into')) throw new Error('the <script> in the article is not shown as text');
        const disputed = page.locator('mark.disputed[data-tag="b2c3d4e5"]');
        const deco = await disputed.evaluate((el) => window.getComputedStyle(el).textDecorationStyle);
        if (deco !== 'wavy') throw new Error(`disputed tag not underlined wavy (${deco})`);
        const title = await page.locator('mark[data-tag="a1b2c3d4"]').first().getAttribute('title');
        if (title !== 'Claim: Only the Bulletin reports this; "unconfirmed" <b>so far</b>') throw new Error(`hover title ${JSON.stringify(title)}`);
        if (problems.length) throw new Error(problems.join('\n'));

        const shots = screenshotDir(ctx.root);
        mkdirSync(shots, { recursive: true });
        await page.screenshot({ path: join(shots, 'report.png') });
        await page.locator('section', { has: page.locator('h2', { hasText: SCRIPT_ARTICLE }) })
          .screenshot({ path: join(ctx.root, '.vscode-test', 'logs', 'report-script-article.png') }).catch(() => {});
      } finally {
        await context.close();
        rmSync(report.dir, { recursive: true, force: true });
      }
    },
  },
];
