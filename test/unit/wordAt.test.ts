import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { wordAt } from '../../src/core/wordAt';

/** The word wordAt finds with the caret where `|` is in LINE (the bar removed). */
function at(line: string): string | undefined {
  const caret = line.indexOf('|');
  assert.ok(caret >= 0, 'the line marks the caret with |');
  const text = line.slice(0, caret) + line.slice(caret + 1);
  const span = wordAt(text, caret);
  return span && text.slice(span.start, span.end);
}

describe('wordAt: the word or number under the caret', () => {
  it('takes a number with thousands separators and decimals as one span', () => {
    assert.equal(at('as many as 7,0|00 people'), '7,000');
    assert.equal(at('as many as |7,000 people'), '7,000');
    assert.equal(at('as many as 7,000| people'), '7,000');
    assert.equal(at('inflation of 3.|5 per cent'), '3.5');
    assert.equal(at('about 1,234,5|67.89 crowns'), '1,234,567.89');
    assert.equal(at('Europe writes 1.234.5|67,89'), '1.234.567,89');
    assert.equal(at('rund 1\u00a02|00 Menschen'), '1\u00a0200', 'a no-break space between digit groups');
    assert.equal(at('environ 12\u202f5|00 personnes'), '12\u202f500', 'a narrow no-break space');
    assert.equal(at('some 2\u20094|00 homes'), '2\u2009400', 'a thin space');
    assert.equal(at('up 1|2% on the year'), '12%', 'a per cent sign belongs to its number');
  });

  it('stops at punctuation that ends the sentence or the list, and at ordinary spaces', () => {
    assert.equal(at('the toll rose to 7,00|0.'), '7,000');
    assert.equal(at('figures: 12|, 13 and 14'), '12');
    assert.equal(at('in 2023 3|00 people'), '300', 'an ordinary space separates numbers');
    assert.equal(at('rund 1\u00a02|0 Menschen'), '20', 'a spaced group has three digits');
  });

  it('takes a word with its apostrophes and hyphens inside it, not around it', () => {
    assert.equal(at('the port|’s spokeswoman'), 'port’s');
    assert.equal(at('a well-kno|wn figure'), 'well-known');
    assert.equal(at('Cases of COVID-1|9 rose'), 'COVID-19');
    assert.equal(at('‘dis|aster’'), 'disaster');
    assert.equal(at('"Kessm|outh"'), 'Kessmouth');
    assert.equal(at('a word -- |dash'), 'dash');
  });

  it('handles letters outside the BMP and combining marks as part of the word', () => {
    assert.equal(at('le cafe\u0301| ferme'), 'cafe\u0301');
    assert.equal(at('𝐛𝐨|𝐥𝐝 text'), '𝐛𝐨𝐥𝐝');
    assert.equal(at('Рос|сия'), 'Россия');
  });

  it('finds nothing where there is no word at the caret', () => {
    assert.equal(at('two  |  spaces'), undefined);
    assert.equal(at('|'), undefined);
    assert.equal(at('end. | Next'), undefined);
    assert.equal(at('— | —'), undefined);
  });

  it('takes the word the caret touches at either edge', () => {
    assert.equal(at('(|word)'), 'word');
    assert.equal(at('one|—two'), 'one');
  });
});
