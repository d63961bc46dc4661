import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CATEGORY_IDS, type CategoryId } from '../../src/core/codebook';
import { DEFAULT_LEXICONS, SUGGESTERS, suggestTags } from '../../src/core/suggest';

/**
 * The words a reason uses for each category's evidence, as the Tags view shows it to the analyst.
 * A reason must name evidence of its own category and none of another's: a denial explained by
 * "scare quotes" reads as framing and makes the analyst doubt the category.
 */
const EVIDENCE: Record<CategoryId, RegExp> = {
  claim: /\b(reported|attributed|quotation)\b/i,
  denial: /\bdenial\b/i,
  figure: /\b(number|range|percentage|amount of money|quantity)\b/i,
  framing: /\b(evaluative|loaded label|all-caps|scare quotes|exclamation|intensif\w*)\b/i,
};

/** The reason without the quoted words it cites (a claim "reported by “denied”" is still a claim). */
function ownWords(reason: string): string {
  return reason.replace(/“[^”]*”/g, '“…”');
}

const SAMPLES = join(import.meta.dirname, '..', '..', 'samples');

/** Fictional sentences that set off every rule of every suggester, plus the bundled fictional samples. */
const TEXTS = [
  'The ministry said 2,417 people were evacuated. Between 4,000 and 6,000 homes lost power; turnout reached 61 percent and the port lost $2bn.',
  'Nearly four million visitors came, the mayor told reporters. “We will rebuild every pier,” Mayor Osk said.',
  'The governor flatly denied that the convoy had been stopped. Her office issued a denial of the report.',
  '“That is simply not true and never happened,” the spokesman said.',
  'The council called the audit ‘fake’ and a ‘smear’ by its rivals.',
  'Critics say the figures are a lie.',
  'The regime mouthpiece praised the stunning, extraordinarily brave rescue. It was a ‘cleanup’ of the harbour. SHAMEFUL! What a disgrace!',
  'The so-called ‘reforms’ left the valley poorer.',
  ...readdirSync(SAMPLES).filter((n) => n.endsWith('.txt')).map((n) => readFileSync(join(SAMPLES, n), 'utf8').replace(/\r\n/g, '\n')),
];

describe('suggest: a reason matches its category', () => {
  for (const suggester of SUGGESTERS) {
    it(`${suggester.category}: every reason names ${suggester.category} evidence and no other category's`, () => {
      const reasons = new Set(TEXTS.flatMap((text) => suggester.suggest(text, DEFAULT_LEXICONS)).map((s) => s.reason));
      assert.ok(reasons.size > 0, `the texts set off the ${suggester.category} rules`);
      for (const reason of reasons) {
        const words = ownWords(reason);
        assert.match(words, EVIDENCE[suggester.category], `${suggester.category} reason “${reason}” names its evidence`);
        for (const other of CATEGORY_IDS.filter((c) => c !== suggester.category)) {
          assert.doesNotMatch(words, EVIDENCE[other], `${suggester.category} reason “${reason}” reads as ${other}`);
        }
      }
    });
  }

  it('a quoted denial word is explained as a denial, not as scare quotes', () => {
    const denials = suggestTags('The council called the audit ‘fake’ and a ‘smear’ by its rivals.').filter((s) => s.category === 'denial');
    assert.ok(denials.length > 0, 'the quoted denial word is suggested as a denial');
    for (const s of denials) assert.doesNotMatch(s.reason, /scare quotes/);
  });
});
