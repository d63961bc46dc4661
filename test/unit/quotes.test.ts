import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { clusterQuotes, verdictOf, type QuoteArticle, type QuoteCluster } from '../../src/core/quotes/cluster';
import { isQuoted } from '../../src/core/quotes/quoted';
import { wordDiff } from '../../src/core/quotes/wordDiff';
import { quoteWords } from '../../src/core/quotes/words';
import type { CategoryId } from '../../src/core/codebook';
import { tagOn } from './quoteTags';

// Fictional: the mayor of Brannock on a harbour wall, as five outlets print her.
const ARTICLES: { outlet: string; text: string; quotes: [string, CategoryId][] }[] = [
  {
    outlet: 'Brannock Courier',
    text: 'The mayor said: “We will rebuild the harbour wall before the winter storms arrive.”\n“Nobody warned us about the flooding,” a fisherman said.\n',
    quotes: [['We will rebuild the harbour wall before the winter storms arrive', 'claim'], ['Nobody warned us about the flooding', 'denial']],
  },
  {
    outlet: 'Valdry Post',
    text: '"We will rebuild the Harbour Wall before the winter storms arrive," the mayor told reporters.\nOne fisherman said: "Nobody warned us about the flooding."\n',
    quotes: [['We will rebuild the Harbour Wall before the winter storms arrive', 'claim'], ['Nobody warned us about the flooding.', 'denial']],
  },
  {
    outlet: 'Evening Herald',
    text: 'The mayor promised: ‘We will rebuild the harbour wall.’ Her critics were unconvinced.\n',
    quotes: [['We will rebuild the harbour wall', 'claim']],
  },
  {
    outlet: 'Radio Easterhold',
    text: 'Asked about the damage, she said: “We are going to rebuild the harbour wall before the storms arrive.”\n',
    quotes: [['We are going to rebuild the harbour wall before the storms arrive', 'claim']],
  },
  {
    outlet: 'Gullstrand Times',
    text: 'The mayor said the council will rebuild the harbour wall before the winter storms arrive, and denied that anyone had been warned.\n',
    quotes: [['will rebuild the harbour wall before the winter storms arrive', 'claim'], ['denied that anyone had been warned', 'denial']],
  },
];

function corpus(): QuoteArticle[] {
  return ARTICLES.map((a) => ({ article: `${a.outlet}.txt`, outlet: a.outlet, text: a.text, tags: a.quotes.map(([phrase, category]) => tagOn(a.text, phrase, category)) }));
}

function clusterWith(clusters: readonly QuoteCluster[], word: string): QuoteCluster {
  const found = clusters.filter((c) => c.wording.toLowerCase().includes(word));
  assert.equal(found.length, 1, `one cluster says "${word}": ${JSON.stringify(clusters.map((c) => c.wording))}`);
  return found[0]!;
}

describe('quotes aligned across outlets', () => {
  const clusters = clusterQuotes(corpus());

  it('gives each version of the harbour quote its verdict against the most common wording', () => {
    const harbour = clusterWith(clusters, 'harbour');
    assert.equal(harbour.wording, 'We will rebuild the harbour wall before the winter storms arrive');
    const verdicts = Object.fromEntries(harbour.members.map((m) => [m.outlet, m.verdict]));
    assert.deepEqual(verdicts, { 'Brannock Courier': 'identical', 'Valdry Post': 'identical', 'Evening Herald': 'trimmed', 'Radio Easterhold': 'altered' });
  });

  it('leaves out reported speech without quotation marks', () => {
    assert.ok(clusters.every((c) => c.members.every((m) => m.outlet !== 'Gullstrand Times')));
  });

  it('keeps a different quote in a cluster of its own, and the same denial identical whatever its punctuation', () => {
    assert.equal(clusters.length, 2);
    const denial = clusterWith(clusters, 'nobody');
    assert.deepEqual(denial.members.map((m) => [m.outlet, m.verdict]), [['Brannock Courier', 'identical'], ['Valdry Post', 'identical']]);
  });

  it("keeps each member's tag: article, id and offsets that cut out its text", () => {
    const byArticle = new Map(corpus().map((a) => [a.article, a]));
    for (const member of clusters.flatMap((c) => c.members)) {
      const article = byArticle.get(member.article)!;
      assert.equal(Array.from(article.text).slice(member.start, member.end).join(''), member.text);
      assert.match(member.id, /^[0-9a-f]{8}$/);
    }
  });

  it('shows the altered version as a word diff against the wording', () => {
    const altered = clusterWith(clusters, 'harbour').members.find((m) => m.verdict === 'altered')!;
    assert.deepEqual(altered.diff, [
      { value: 'We' },
      { value: 'will', removed: true },
      { value: 'are going to', added: true },
      { value: 'rebuild the harbour wall before the' },
      { value: 'winter', removed: true },
      { value: 'storms arrive' },
    ]);
  });

  it('leaves out a quote printed once unless asked', () => {
    const once = corpus().slice(3); // Radio Easterhold's quote, and the Gullstrand Times's reported speech
    assert.deepEqual(clusterQuotes(once), []);
    assert.deepEqual(clusterQuotes(once, { minMembers: 1 }).map((c) => c.members.map((m) => m.outlet)), [['Radio Easterhold']]);
  });

  it('does not merge two denials that share only "not true"', () => {
    const text = '“That is not true, the dam was inspected in March,” he said.\n“Those reports are not true and we will sue the paper,” she said.\n';
    const tags = [tagOn(text, 'That is not true, the dam was inspected in March', 'denial'), tagOn(text, 'Those reports are not true and we will sue the paper', 'denial')];
    assert.deepEqual(clusterQuotes([{ article: 'a.txt', outlet: 'A', text, tags }]), []);
  });

  it('counts offsets in code points after an emoji', () => {
    const a = 'Posted: 🚨🚨 “The bridge is closed until Friday,” the council wrote.\n';
    const b = 'The council wrote: “The bridge is closed until Friday.”\n';
    const result = clusterQuotes([
      { article: 'a.txt', outlet: 'A', text: a, tags: [tagOn(a, 'The bridge is closed until Friday', 'claim')] },
      { article: 'b.txt', outlet: 'B', text: b, tags: [tagOn(b, 'The bridge is closed until Friday', 'claim')] },
    ]);
    assert.deepEqual(result.map((c) => c.members.map((m) => m.verdict)), [['identical', 'identical']]);
  });
});

describe('quoted speech', () => {
  const cases: [string, string, boolean][] = [
    ['curly, the whole quote', '“We have lost cargo,” she said.', true],
    ['curly, marks inside the tag', 'She said “We have lost cargo” today.', true],
    ['straight, a part of the quote', 'She said: "We have lost cargo and equipment."', true],
    ['single curly', 'She said: ‘We have lost cargo.’', true],
    ['single straight', "She said: 'We have lost cargo.'", true],
    ['apostrophe inside does not close', '“It’s true that we have lost cargo,” she said.', true],
    ['reported speech', 'She said that we have lost cargo.', false],
    ['after the quote closed', '“Yes,” she said, we have lost cargo.', false],
    ['a quote of the previous paragraph', '“Yes.\nShe said we have lost cargo.', false],
    ['a tag that runs out of the quote', 'She said “we have lost cargo” and left.', false],
  ];
  for (const [name, text, expected] of cases) {
    it(`${name}: ${expected ? 'quoted' : 'not quoted'}`, () => {
      const phrase = name === 'a tag that runs out of the quote' ? 'we have lost cargo” and left' : /we have lost cargo/i.exec(text)![0];
      const at = text.indexOf(phrase);
      assert.equal(isQuoted(text, at, at + phrase.length), expected);
    });
  }
  it('accepts the quotation marks and final punctuation in the tag', () => {
    const text = 'She said: “We have lost cargo.” Then she left.';
    const phrase = '“We have lost cargo.”';
    assert.equal(isQuoted(text, text.indexOf(phrase), text.indexOf(phrase) + phrase.length), true);
  });
});

describe('verdicts and the word diff', () => {
  const w = (s: string): string[] => quoteWords(s).normal;
  const table: [string, string, string][] = [
    ['We have lost cargo.', '“we have lost cargo”', 'identical'],
    ['It’s over', "It's over", 'identical'],
    ['We have lost cargo and equipment', 'lost cargo', 'trimmed'],
    ['We have lost cargo and equipment', 'We have lost', 'trimmed'],
    ['We have lost cargo and equipment', 'We have lost equipment', 'altered'],
    ['We have lost cargo', 'We have suffered lost cargo', 'altered'],
    ['We have lost cargo', 'We have lost cargo today', 'altered'],
    ['We have lost cargo', 'We had lost cargo', 'altered'],
  ];
  for (const [wording, version, verdict] of table) {
    it(`"${version}" against "${wording}" is ${verdict}`, () => assert.equal(verdictOf(w(version), w(wording)), verdict));
  }

  it('rebuilds both texts from the parts, like diffWords', () => {
    const words = (s: string) => { const q = quoteWords(s); return q.surface.map((surface, i) => ({ surface, normal: q.normal[i]! })); };
    const from = 'We have suffered significant losses of troops, this is a huge tragedy for us';
    const to = 'We have significant losses of troops and a tragedy';
    const parts = wordDiff(words(from), words(to));
    assert.equal(parts.filter((p) => !p.added).map((p) => p.value).join(' '), quoteWords(from).surface.join(' '));
    assert.equal(parts.filter((p) => !p.removed).map((p) => p.value).join(' '), quoteWords(to).surface.join(' '));
    assert.deepEqual(parts.slice(0, 3), [{ value: 'We have' }, { value: 'suffered', removed: true }, { value: 'significant losses of troops' }]);
  });

  it('numbers keep their separators as one word', () => {
    assert.deepEqual(quoteWords('“3,835 wounded, 1.5 million fled”').normal, ['3,835', 'wounded', '1.5', 'million', 'fled']);
  });
});
