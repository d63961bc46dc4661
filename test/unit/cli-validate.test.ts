import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main';
import { articleHash } from '../../src/core/articleFile';
import { SidecarFile } from '../../src/core/sidecar';
import { ArticleText, type Tag } from '../../src/core/tag';

const ARTICLE = 'The council said the ferry was on time. It carried 212 passengers.\n';

async function validate(dir: string): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main(['validate', dir], { line: (l) => lines.push(l), error: (l) => lines.push(l) });
  return { code, out: lines.join('\n') };
}

function tag(id: string, text: string): Tag {
  const start = ARTICLE.indexOf(text); // ASCII: string index = code point
  return { id, category: 'claim', start, end: start + text.length, text, ...new ArticleText(ARTICLE).contextOf(start, start + text.length) };
}

/** A sidecar that is right in every way but what `edit` changes. */
function corpus(edit: (yaml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsmark-validate-'));
  writeFileSync(join(dir, 'ferry.txt'), ARTICLE);
  const yaml = SidecarFile.create('ferry.txt', '').serialize([tag('0000beef', 'the ferry was on time'), tag('0000cafe', '212 passengers')], articleHash(ARTICLE));
  writeFileSync(join(dir, 'ferry.txt.tags.yaml'), edit(yaml));
  return dir;
}

describe('newsmark validate', () => {
  it('passes a sidecar that follows the format', async () => {
    const dir = corpus((y) => y);
    try {
      const { code, out } = await validate(dir);
      assert.equal(code, 0, out);
      assert.match(out, /1 valid, 0 invalid/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const [name, edit, expected] of [
    ['an id that is not 8 lowercase hex digits', (y: string) => y.replace('id: 0000cafe', 'id: T1'), /ferry\.txt\.tags\.yaml:\d+:\d+: tag id "T1" is not 8 lowercase hex digits/],
    ['an upper-case hex id', (y: string) => y.replace('id: 0000cafe', 'id: 0000CAFE'), /tag id "0000CAFE" is not 8 lowercase hex digits/],
    ['an id YAML reads as a number', (y: string) => y.replace('id: 0000cafe', 'id: 12345678'), /ferry\.txt\.tags\.yaml:\d+:\d+: Tag id 12345678 is read as a number/],
    ['an article: field naming another file', (y: string) => y.replace('article: ferry.txt', 'article: bus.txt'), /"article: bus\.txt" does not name the file beside the sidecar, ferry\.txt/],
    ['an offset written as a float', (y: string) => y.replace(/start: (\d+)\n/, 'start: $1.0\n'), /ferry\.txt\.tags\.yaml:\d+:\d+: Tag 0000beef: "start" must be a whole number ≥ 0 in plain digits, not \d+\.0/],
    ['an offset written in hex', (y: string) => y.replace(/end: (\d+)\n/, (_, n: string) => `end: 0x${Number(n).toString(16)}\n`), /"end" must be a whole number ≥ 0 in plain digits, not 0x/],
  ] as const) {
    it(`reports ${name} and exits 1`, async () => {
      const dir = corpus(edit);
      try {
        const { code, out } = await validate(dir);
        assert.equal(code, 1, out);
        assert.match(out, expected);
        assert.match(out, /0 valid, 1 invalid/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
