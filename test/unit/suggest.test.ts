import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { CategoryId } from '../../src/core/codebook';
import { contextFor } from '../../src/core/suggest/context';
import { DEFAULT_LEXICONS, figureSuggester, mergeLexicons, suggestTags } from '../../src/core/suggest';

/** Texts of the suggestions of one category (fictional sentences throughout). */
function found(category: CategoryId, text: string, options?: Parameters<typeof suggestTags>[1]): string[] {
  return suggestTags(text, options)
    .filter((s) => s.category === category)
    .map((s) => s.text);
}

describe('suggest: figures', () => {
  it('takes the number with its counted noun, up to a verb or preposition', () => {
    assert.deepEqual(found('figure', 'The ministry said 2,417 people were evacuated from the coast.'), ['2,417 people']);
    assert.deepEqual(found('figure', 'Rescuers reached 1,350 stranded villagers by boat.'), ['1,350 stranded villagers']);
    assert.deepEqual(found('figure', 'The motion won 71 votes in favour.'), ['71 votes']);
    assert.deepEqual(found('figure', 'Police said 212 wounded, 40 of them seriously.'), ['212 wounded', '40']);
  });

  it('keeps ranges, approximations, percentages, money and written numbers', () => {
    assert.deepEqual(found('figure', 'Officials counted between 4,000 and 6,000 homes without power.'), ['between 4,000 and 6,000 homes']);
    assert.deepEqual(found('figure', 'Hundreds of families left the valley.'), ['Hundreds of families']);
    assert.deepEqual(found('figure', 'The reservoir stood at 38% of capacity.'), ['38% of capacity']);
    assert.deepEqual(found('figure', 'Turnout reached 61 percent in the north.'), ['61 percent']);
    assert.deepEqual(found('figure', 'The port lost $2bn last year.'), ['$2bn']);
    assert.deepEqual(found('figure', 'Nearly four million visitors came.'), ['Nearly four million visitors']);
    assert.deepEqual(found('figure', 'Two dozen reporters waited outside.'), ['Two dozen reporters']);
    assert.deepEqual(found('figure', 'Tens of thousands of marchers filled the square.'), ['Tens of thousands of marchers']);
    assert.deepEqual(found('figure', 'The strike idled as many as 300 trucks.'), ['as many as 300 trucks']);
    assert.deepEqual(found('figure', 'The damage was well in excess of 10,000, insurers said.'), ['well in excess of 10,000']);
    assert.deepEqual(found('figure', 'The island has 5 to 10 ferries a day.'), ['5 to 10 ferries']);
    assert.deepEqual(found('figure', 'The fine was 65 million crowns.'), ['65 million crowns']);
    assert.deepEqual(found('figure', 'A two-thirds majority was needed.'), ['two-thirds majority']);
  });

  it('skips years, dates, times, ordinals, labels, ids, links and phone numbers', () => {
    const none = [
      'In 2022 the council met twice a month.',
      'The bridge has been closed since 1998.',
      'The bridge closed on 7 April and reopened on April 9th.',
      'The talks began on March 25, 2021.',
      'The vote closed at 22:41 local time.',
      'It was the first report and the second hearing.',
      'See page 12 of the filing or call 020 7946 0958.',
      'The build 9f3c2a1b7e replaced the old one.',
      'Watch on Channel 4, Skyline 502, or https://example.org/item/48213 and @river42.',
      'Two weeks later one official resigned.',
      'The 1990s were quieter, and 2020-06-01 was a Monday.',
    ];
    for (const text of none) assert.deepEqual(found('figure', text), [], text);
  });
});

describe('suggest: denials', () => {
  it('takes a denial verb with the clause it governs', () => {
    assert.deepEqual(found('denial', 'The mayor denied any wrongdoing in the tender process.'), ['denied any wrongdoing in the tender process']);
    assert.deepEqual(found('denial', 'The agency dismissed reports of a leak at the dam as ‘fabricated’.'), [
      'dismissed reports of a leak at the dam as ‘fabricated’',
    ]);
    assert.deepEqual(found('denial', 'The firm rejected the audit, but it agreed to a review.'), ['rejected the audit']);
    assert.deepEqual(found('denial', 'The firm flatly rejected the audit, the chairman said.'), ['flatly rejected the audit']);
  });

  it('takes a quoted denial whole, and a denial word in its quoted sentence', () => {
    assert.deepEqual(found('denial', '“That is simply not true,” the spokeswoman said.'), ['“That is simply not true,”']);
    assert.deepEqual(found('denial', 'He said: “We met twice. The rest is baseless gossip. We move on.”'), ['The rest is baseless gossip']);
    assert.deepEqual(found('denial', 'The minister called the footage a “crude fake,” and left.'), ['The minister called the footage a “crude fake,”']);
  });

  it('leaves questions and neutral text alone', () => {
    assert.deepEqual(found('denial', '“Is that really not true?” the host asked.'), []);
    assert.deepEqual(found('denial', 'The committee approved the budget on Friday.'), []);
  });
});

describe('suggest: claims', () => {
  it('takes an attributed quotation, inside the marks', () => {
    assert.deepEqual(found('claim', 'The governor said: “We will rebuild every school before winter.”'), ['We will rebuild every school before winter']);
    assert.deepEqual(found('claim', '“The water is safe to drink,” the minister said.'), ['The water is safe to drink']);
    assert.deepEqual(found('claim', "'Repairs will take a month,' the engineer told reporters."), ['Repairs will take a month']);
  });

  it('takes the clause after a speech verb, and around "according to"', () => {
    assert.deepEqual(found('claim', 'The mayor told reporters that the tunnel would open in May.'), ['the tunnel would open in May']);
    assert.deepEqual(found('claim', 'The coach insisted the players were fit and admitted that training had been short.'), [
      'the players were fit',
      'training had been short',
    ]);
    assert.deepEqual(found('claim', 'According to the port authority, 40 ships were delayed.'), ['40 ships were delayed']);
    assert.deepEqual(found('claim', 'The bridge is unsafe, according to engineers.'), ['The bridge is unsafe']);
  });

  it('skips scare quotes, questions and unattributed quotations', () => {
    assert.deepEqual(found('claim', 'The agency called the plan “bold.”'), []);
    assert.deepEqual(found('claim', '“Where is the money?” she asked.'), []);
    assert.deepEqual(found('claim', 'The banner read “open all night long” in red.'), []);
  });

  it('does not take apostrophes for quotation marks', () => {
    const text = "The farmers' union said the river’s level didn't fall. The growers’ cooperative wasn't told.";
    assert.equal(contextFor(text).quotes.length, 0);
    assert.deepEqual(found('claim', text), ['the river’s level didn\'t fall']);
    const mixed = 'The drivers’ union said: ‘The depot’s roof leaks and the workers’ canteen is shut.’';
    assert.deepEqual(found('claim', mixed), ['The depot’s roof leaks and the workers’ canteen is shut']);
  });
});

describe('suggest: framing', () => {
  it('finds evaluative adjectives with their noun, adverbs, labels and all-caps verbs', () => {
    assert.deepEqual(found('framing', 'Mayor Makes Stunning Admission'), ['Stunning Admission']);
    assert.deepEqual(found('framing', "The minister's STUNNING climbdown came late."), ['STUNNING climbdown']);
    assert.deepEqual(found('framing', 'Harbour chief ADMITS budget gap\nThe harbour chief spoke.'), ['ADMITS']);
    assert.deepEqual(found('framing', 'The spokesman valiantly defended the plan.'), ['valiantly']);
    assert.deepEqual(found('framing', 'The junta’s mouthpiece spoke first.'), ['junta', 'mouthpiece']);
    assert.deepEqual(found('framing', 'They presented the so-called “peace plan” on Friday.'), ['so-called “peace plan”']);
  });

  it('finds scare quotes and exclamations in the writer’s voice only', () => {
    assert.deepEqual(found('framing', 'Troops were ‘liberating’ the town.'), ['‘liberating’']);
    assert.deepEqual(found('framing', 'What a farce! The vote went ahead.'), ['What a farce!', 'farce']);
    assert.deepEqual(found('framing', '“This is a shocking betrayal of voters,” he said.'), []);
    assert.deepEqual(found('framing', 'NATO and UNESCO officials met in Geneva.'), []);
  });
});

describe('suggest: offsets, filters and lexicons', () => {
  it('counts code points, not UTF-16 units, before the span', () => {
    const text = '🚨🚨 Officials said 1,200 homes flooded. 🌊 The agency denied the report.';
    const cps = Array.from(text);
    const all = suggestTags(text);
    const figure = all.find((s) => s.category === 'figure');
    assert.ok(figure);
    assert.equal(cps.slice(figure.start, figure.end).join(''), '1,200 homes');
    assert.equal(figure.start, cps.indexOf('1'));
    const denial = all.find((s) => s.category === 'denial');
    assert.ok(denial);
    assert.equal(cps.slice(denial.start, denial.end).join(''), 'denied the report');
    for (const s of all) assert.equal(cps.slice(s.start, s.end).join(''), s.text);
  });

  it('sorts by start and drops existing tags and rejected suggestions', () => {
    const text = 'The mayor said 300 homes flooded and denied the report.';
    const all = suggestTags(text);
    assert.deepEqual(all.map((s) => s.start), [...all.map((s) => s.start)].sort((a, b) => a - b));
    const figure = all.find((s) => s.category === 'figure');
    const denial = all.find((s) => s.category === 'denial');
    assert.ok(figure && denial);
    const existing = [{ category: figure.category, start: figure.start, end: figure.end }];
    const rejected = [{ category: denial.category, start: denial.start, end: denial.end, text: denial.text }];
    const left = suggestTags(text, { existing, rejected });
    assert.equal(left.length, all.length - 2);
    // A tag of another category on the same span does not hide the suggestion.
    const other = suggestTags(text, { existing: [{ ...existing[0]!, category: 'claim' }] });
    assert.ok(other.some((s) => s.category === 'figure'));
  });

  it('adds the user’s words, without duplicates', () => {
    const merged = mergeLexicons(DEFAULT_LEXICONS, { loadedLabels: ['Fat Cats', 'MOUTHPIECE'], denials: ['hogwash'] });
    assert.equal(merged.loadedLabels.filter((w) => w.toLowerCase() === 'mouthpiece').length, 1);
    assert.ok(merged.loadedLabels.includes('Fat Cats'));
    assert.equal(merged.speechVerbs, DEFAULT_LEXICONS.speechVerbs);
    const text = 'The fat cats of the board met.';
    assert.deepEqual(found('framing', text), []);
    assert.deepEqual(found('framing', text, { lexicons: { loadedLabels: ['Fat Cats'] } }), ['fat cats']);
    assert.deepEqual(found('denial', 'The chairman called it hogwash.', { lexicons: { denials: ['hogwash'] } }), ['The chairman called it hogwash']);
  });

  it('runs each suggester on its own', () => {
    const out = figureSuggester.suggest('Crews cleared 45 roads.', DEFAULT_LEXICONS);
    assert.deepEqual(out.map((s) => [s.text, s.reason]), [['45 roads', 'number with the counted noun']]);
  });
});
