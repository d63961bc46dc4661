import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseLabelMap, placeImported, type ImportContext } from '../../src/core/export/place';
import type { ImportedSpan } from '../../src/core/export/types';
import type { Tag } from '../../src/core/tag';

// Fictional text written for this test.
const TEXT = '🚨 The port said 2,417 people left.\nOfficials called reports of a second breach “not true”.';
const cp = (s: string): number => Array.from(TEXT).indexOf(s[0]!) >= 0 ? Array.from(TEXT.slice(0, TEXT.indexOf(s))).length : -1;

function context(existing: Tag[] = [], map: [string, 'claim' | 'denial' | 'figure' | 'framing'][] = []): ImportContext {
  return { articleText: (n) => (n === 'a.txt' ? TEXT : undefined), existingTags: () => existing, labelMap: new Map(map) };
}

const span = (text: string, label = 'figure', shift = 0, extra: Partial<ImportedSpan> = {}): ImportedSpan => {
  const start = cp(text) + shift;
  return { article: 'a.txt', label, start, end: start + Array.from(text).length, text, ...extra };
};

describe('placing imported spans', () => {
  it('places spans whose text is at their offsets, with context', () => {
    const report = placeImported([span('2,417 people', 'figure', 0, { note: 'n' })], context());
    const [tag] = report.tags.get('a.txt')!;
    assert.equal(tag!.text, '2,417 people');
    assert.equal(tag!.note, 'n');
    assert.match(tag!.prefix, /port said $/);
    assert.deepEqual(report.counts, { exact: 1, reattached: 0, fuzzy: 0, skipped: 0 });
  });

  it('finds a span again when its offsets are off (e.g. counted in UTF-16), never placing it wrongly', () => {
    const report = placeImported([span('not true', 'denial', 1)], context());
    const [tag] = report.tags.get('a.txt')!;
    assert.equal(Array.from(TEXT).slice(tag!.start, tag!.end).join(''), 'not true');
    assert.equal(report.counts.reattached, 1);
  });

  it('reports a span whose text is nowhere in the article instead of importing it', () => {
    const report = placeImported([{ article: 'a.txt', label: 'claim', start: 4, end: 12, text: 'never written here' }], context());
    assert.equal(report.tags.size, 0);
    assert.match(report.problems[0]!, /could not be found/);
  });

  it('maps other tools’ labels with --map and reports unknown ones', () => {
    const { map, problems } = parseLabelMap(['Loaded_Language=framing', 'bad', 'x=opinion']);
    assert.equal(map.get('Loaded_Language'), 'framing');
    assert.equal(problems.length, 2);
    const report = placeImported([span('second breach', 'Loaded_Language'), span('port', 'Exaggeration')], context([], [...map]));
    assert.equal(report.tags.get('a.txt')?.[0]?.category, 'framing');
    assert.match(report.problems[0]!, /unknown category "Exaggeration" \(map it with --map Exaggeration=/);
  });

  it('skips spans already tagged the same way and keeps ids unique', () => {
    const first = placeImported([span('2,417 people', 'figure', 0, { id: 'abcdef12' })], context());
    const existing = first.tags.get('a.txt')!;
    assert.equal(existing[0]!.id, 'abcdef12');
    const again = placeImported([span('2,417 people', 'figure', 0, { id: 'abcdef12' }), span('2,417 people', 'claim', 0, { id: 'abcdef12' })], context(existing));
    assert.equal(again.counts.skipped, 1);
    const [claim] = again.tags.get('a.txt')!;
    assert.notEqual(claim!.id, 'abcdef12');
  });

  it('reports an article that is not in the corpus', () => {
    const report = placeImported([{ ...span('port'), article: 'missing.txt' }], context());
    assert.match(report.problems[0]!, /no article named missing\.txt/);
  });
});
