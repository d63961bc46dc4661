// The walkthrough teaches the keys: a step that names Alt+N names the Mac's Cmd+Alt+N too
// (Option+N is a dead key on a Mac: following "Alt+N Y" there types into the article).
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..');

describe('walkthrough keys', () => {
  it('every step and page that says Alt+N also says Cmd+Alt+N, in every language', () => {
    const texts: [string, string][] = [];
    for (const nls of ['package.nls.json', 'package.nls.de.json']) {
      const strings = JSON.parse(readFileSync(join(ROOT, nls), 'utf8')) as Record<string, string>;
      for (const [key, value] of Object.entries(strings)) if (key.startsWith('walkthrough.')) texts.push([`${nls} ${key}`, value]);
    }
    for (const folder of ['media/walkthrough', 'media/walkthrough/de']) {
      for (const file of readdirSync(join(ROOT, folder)).filter((f) => f.endsWith('.md'))) texts.push([`${folder}/${file}`, readFileSync(join(ROOT, folder, file), 'utf8')]);
    }
    const withAltN = texts.filter(([, text]) => /(^|[^+])Alt\+N/.test(text));
    assert.ok(withAltN.length >= 4, 'the tag and review steps name the keys');
    for (const [where, text] of withAltN) assert.match(text, /Cmd\+Alt\+N/, `${where} names Alt+N without the Mac's Cmd+Alt+N`);
  });
});
