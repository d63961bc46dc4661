// HTML export and import of many tags must stay linear (or n log n): HTML export of one article
// was quadratic in its tags, W3C import worse. Timing is left to `npm run bench`; here the
// faster code must give exactly what the straightforward code gave, and import must ask for an
// article's existing tags once, not once per span.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { CategoryId } from '../../src/core/codebook';
import { highlight } from '../../src/core/export/html';
import { placeImported } from '../../src/core/export/place';
import type { ImportedSpan } from '../../src/core/export/types';
import { w3cExporter, w3cImporter } from '../../src/core/export/w3c';
import { ArticleText, type Tag } from '../../src/core/tag';

const CATEGORIES: CategoryId[] = ['claim', 'denial', 'figure', 'framing'];

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Tags nested, overlapping, adjacent, identical and past the end, over text with emoji. */
function tagsOver(text: string, count: number, seed: number): Tag[] {
  const next = random(seed);
  const length = new ArticleText(text).length;
  return Array.from({ length: count }, (_, i) => {
    const start = Math.floor(next() * (length + 4)) - 2;
    const end = start + Math.floor(next() * 30) - 3;
    return { id: `t${String(i).padStart(7, '0')}`, category: CATEGORIES[i % 4]!, start, end, text: '', prefix: '', suffix: '', ...(i % 7 === 0 ? { review: 'disputed' as const } : {}) };
  });
}

/** The straightforward highlight: for every piece between cuts, every tag covering it. */
function referenceHighlight(lf: string, tags: readonly Tag[]): string {
  const text = new ArticleText(lf);
  const clamp = (n: number): number => Math.min(Math.max(n, 0), text.length);
  const spans = tags.map((tag) => ({ tag, start: clamp(tag.start), end: clamp(tag.end) })).filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end || (a.tag.id < b.tag.id ? -1 : 1));
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const esc = (v: string): string => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  let html = '';
  for (let i = 0; i + 1 < cuts.length; i++) {
    const covering = spans.filter((s) => s.start <= cuts[i]! && s.end >= cuts[i + 1]!);
    const marks = covering.map((s) => highlight('x', [{ ...s.tag, start: 0, end: 1 }]).replace(/x<\/mark>$/, ''));
    html += marks.join('') + esc(text.slice(cuts[i]!, cuts[i + 1]!)) + '</mark>'.repeat(covering.length);
  }
  return html;
}

describe('linear export and import', () => {
  it('HTML highlight gives exactly the markup of the straightforward algorithm, for nested, overlapping and adjacent tags', () => {
    const text = 'Port 🚢 chief said "a <b>loss</b> of 3\u00a0%" & left.\n'.repeat(20);
    for (const seed of [1, 2, 3, 4, 5]) {
      const tags = tagsOver(text, 200, seed);
      assert.equal(highlight(text, tags), referenceHighlight(text, tags), `seed ${seed}`);
    }
  });

  it('import asks for an article\'s existing tags once, however many spans it places', () => {
    const text = 'Officials said 40 jobs would go. '.repeat(300);
    const spans: ImportedSpan[] = Array.from({ length: 300 }, (_, i) => ({ article: 'a.txt', label: 'figure', start: i * 33 + 15, end: i * 33 + 22 }));
    let asked = 0;
    const existing: Tag[] = [{ id: '0000abcd', category: 'figure', start: 15, end: 22, text: '40 jobs', prefix: '', suffix: '' }];
    const placed = placeImported([...spans, ...spans.slice(0, 10)], { articleText: () => text, existingTags: () => (asked++, existing), labelMap: new Map() });
    assert.equal(asked, 1);
    // All at their offsets; the first span was there already, the ten repeated ones were just placed: skipped.
    assert.deepEqual(placed.counts, { exact: 310, reattached: 0, fuzzy: 0, skipped: 11 });
    const tags = placed.tags.get('a.txt')!;
    assert.equal(tags.length, 299);
    assert.equal(new Set([...tags.map((t) => t.id), '0000abcd']).size, 300, 'ids unique, the existing one included');
    assert.deepEqual(tags.map((t) => t.start), [...tags.map((t) => t.start)].sort((a, b) => a - b), 'in text order');
  });

  it('W3C import of many annotations places every one exactly where it was exported', () => {
    const text = 'Port 🚢 chief said 3\u00a0% of 1,200 jobs would go, the ministry denied it. '.repeat(200);
    const length = new ArticleText(text).length;
    const next = random(9);
    const tags: Tag[] = Array.from({ length: 2000 }, (_, i) => {
      const start = Math.floor(next() * (length - 40));
      return { id: i.toString(16).padStart(8, '0'), category: CATEGORIES[i % 4]!, start, end: start + 1 + Math.floor(next() * 30), text: '', prefix: '', suffix: '' };
    }).map((t) => ({ ...t, text: new ArticleText(text).slice(t.start, t.end) })).filter((t) => t.text.trim() !== ''); // tags never hold only white space
    const [file] = w3cExporter.export([{ name: 'a.txt', uri: 'file:///a.txt', text, tags }], { includeOrphans: false, bom: false }).files;
    const read = w3cImporter.read(new Map([['a.jsonld', file!.content]]), () => text);
    const placed = placeImported(read.spans, { articleText: () => text, existingTags: () => [], labelMap: new Map() });
    const key = (t: Tag): string => `${t.start}:${t.end}:${t.category}`;
    const unique = new Set(tags.map(key));
    assert.deepEqual(read.problems, []);
    assert.deepEqual(placed.problems, []);
    assert.deepEqual(placed.counts, { exact: tags.length, reattached: 0, fuzzy: 0, skipped: tags.length - unique.size });
    assert.equal(placed.tags.get('a.txt')!.length, unique.size, 'a tag exported twice at one place is imported once');
    assert.deepEqual(new Set(placed.tags.get('a.txt')!.map(key)), unique);
  });
});
