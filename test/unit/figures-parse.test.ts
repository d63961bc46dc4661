// Figures understood: each row is a fictional news sentence with the tagged figure in [brackets]
// and what an analyst reads from it. Only the fields a row names are checked.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { readFigure, type FigureReading } from '../../src/core/figures/understand';
import { extendVocabulary, DEFAULT_VOCABULARY } from '../../src/core/figures/vocabulary';

type Expect = Partial<Pick<FigureReading, 'value' | 'min' | 'max' | 'hedge' | 'unit' | 'counted' | 'source' | 'as_of' | 'when'>> & { sourceKey?: string | null };

/** Reads the [bracketed] span of the sentence as a figure tag, with attributes if given. */
function read(marked: string, attributes?: Record<string, unknown>, vocabulary = DEFAULT_VOCABULARY): FigureReading {
  const start = marked.indexOf('[');
  const end = marked.indexOf(']') - 1;
  const text = marked.replace('[', '').replace(']', '');
  return readFigure({ start, end, text: text.slice(start, end), ...(attributes ? { attributes } : {}) }, text, vocabulary);
}

const ROWS: [string, Expect][] = [
  // Digits, separators, decimals
  ['Officials said [1,204 people] had been evacuated by noon.', { value: 1204, hedge: null, counted: 'people evacuated', source: 'Officials' }],
  ['The port handled [12,500 containers] last week.', { value: 12500, counted: 'containers' }],
  ['[3.5 million voters] stayed home, the commission said.', { value: 3500000, counted: 'voters', source: 'the commission' }],
  ['The deficit reached [$4.2bn] in the first quarter.', { value: 4.2e9, unit: 'USD' }],
  ['The city spent [€750,000] on the new bridge.', { value: 750000, unit: 'EUR' }],
  ['Fares rose by [£2.50] overnight.', { value: 2.5, unit: 'GBP' }],
  ['A fine of [₽300,000] was imposed on the editor.', { value: 300000, unit: 'RUB' }],
  ['Unemployment fell to [4.1%] in June.', { value: 4.1, unit: 'percent', as_of: 'June' }],
  ['Turnout was [62 per cent], the electoral board announced.', { value: 62, unit: 'percent', source: 'the electoral board' }],
  ['Support for the plan fell [7 percentage points].', { value: 7, unit: 'percent' }],
  ['The union says [58 percent] of members backed the strike.', { value: 58, unit: 'percent' }],
  ['Inflation stood at [2.9pc] in May 2024.', { value: 2.9, unit: 'percent' }],
  ['The storm damaged [860 homes] along the coast.', { value: 860, counted: 'households' }],
  ['Police arrested [41 protesters] on Saturday.', { value: 41, counted: 'protesters arrested' }],
  ['The ferry carried [312 passengers] and crew.', { value: 312, counted: 'passengers' }],
  // Written numbers
  ['[Six soldiers] were wounded in the ambush, the army said.', { value: 6, counted: 'troops wounded', source: 'the army' }],
  ['[Four million people] live in the region.', { value: 4000000, counted: 'people' }],
  ['[Two dozen boats] joined the search.', { value: 24, counted: 'boats' }],
  ['[A dozen reporters] waited outside the court.', { value: 12, counted: 'reporters' }],
  ['[Twenty-five miners] were rescued on Tuesday.', { value: 25, counted: 'miners' }],
  ['[One hundred and twenty families] lost their homes.', { value: 120, counted: 'households' }],
  ['[Half a million residents] were without power.', { value: 500000, counted: 'residents' }],
  ['[Three thousand workers] walked out.', { value: 3000, counted: 'workers' }],
  ['[Eleven firefighters] were injured.', { value: 11, counted: 'firefighters wounded' }],
  ['[Ninety ships] were turned away.', { value: 90, counted: 'ships' }],
  ['[Seven people] died in the fire, the fire service said.', { value: 7, counted: 'people killed', source: 'the fire service' }],
  ['[Two million voters] abstained.', { value: 2000000, counted: 'voters abstaining' }],
  // Open ranges
  ['[Hundreds of residents] fled the flooded valley.', { min: 200, max: undefined, hedge: 'hundreds of', counted: 'residents fled' }],
  ['[Thousands of people] marched through the capital.', { min: 2000, hedge: 'thousands of', counted: 'people' }],
  ['[Tens of thousands of refugees] crossed the border.', { min: 20000, hedge: 'tens of thousands of', counted: 'refugees' }],
  ['[Dozens of villagers] were missing after the landslide.', { min: 24, hedge: 'dozens of', counted: 'villagers missing' }],
  ['[Hundreds of thousands of people] were displaced.', { min: 200000, hedge: 'hundreds of thousands of', counted: 'people fled' }],
  ['[Millions of viewers] watched the debate.', { min: 2000000, hedge: 'millions of', counted: 'viewers' }],
  // Ranges
  ['The ministry said [between 300 and 400 soldiers] were killed.', { min: 300, max: 400, hedge: 'between', counted: 'troops killed', source: 'the ministry' }],
  ['Analysts put the cost at [$40 million to $65 million].', { min: 40e6, max: 65e6, unit: 'USD' }],
  ['Repairs will take [two to three weeks].', { min: 2, max: 3 }],
  ['[From 1,200 to 1,500 workers] will lose their jobs.', { min: 1200, max: 1500, hedge: 'from', counted: 'workers' }],
  ['[7,000-9,000 troops] were massed near the border.', { min: 7000, max: 9000, counted: 'troops' }],
  ['Estimates ranged from [40 to 60 million] people.', { min: 40e6, max: 60e6 }],
  ['Observers counted somewhere between [5,000 and 6,000 marchers].', { min: 5000, max: 6000, hedge: 'somewhere between' }],
  ['Casualties were put at [10–12 per cent] of the force.', { min: 10, max: 12, unit: 'percent' }],
  ['[Between 40 million and 65 million crowns] in damage was reported.', { min: 40e6, max: 65e6, hedge: 'between' }],
  // Upper bounds
  ['[As many as 900 soldiers] may have been killed, a defence official said.', { max: 900, hedge: 'as many as', counted: 'troops killed', source: 'a defence official' }],
  ['[Up to 2,000 people] could be evacuated.', { max: 2000, hedge: 'up to', counted: 'people evacuated' }],
  ['[Fewer than 300 votes] separated the candidates.', { max: 300, hedge: 'fewer than', counted: 'votes' }],
  ['The strike cost [less than $1m] a day.', { max: 1e6, hedge: 'less than', unit: 'USD' }],
  ['[At most 40 vessels] left the harbour.', { max: 40, hedge: 'at most', counted: 'vessels' }],
  ['[Under 5%] of the ballots were spoiled.', { max: 5, hedge: 'under', unit: 'percent' }],
  ['[No more than 60 delegates] attended.', { max: 60, hedge: 'no more than', counted: 'delegates' }],
  // Lower bounds
  ['[More than 1,100 civilians] have been killed, the United Nations said.', { min: 1100, hedge: 'more than', counted: 'civilians killed', source: 'United Nations', sourceKey: 'United Nations' }],
  ['[At least 410 bodies] were found in the town.', { min: 410, hedge: 'at least', counted: 'bodies found' }],
  ['Ukraine put enemy losses at [well in excess of 12,000].', { min: 12000, hedge: 'well in excess of', counted: 'casualties', source: 'Ukraine', sourceKey: 'Ukraine' }],
  ['[Over 300 flights] were cancelled.', { min: 300, hedge: 'over', counted: 'flights' }],
  ['[In excess of $2bn] was wiped off the shares.', { min: 2e9, hedge: 'in excess of', unit: 'USD' }],
  ['[Upwards of 5,000 fans] were locked out.', { min: 5000, hedge: 'upwards of', counted: 'fans' }],
  ['[Just over 51%] voted to leave.', { min: 51, hedge: 'just over', unit: 'percent' }],
  ['[Well over 100 journalists] signed the letter.', { min: 100, hedge: 'well over', counted: 'journalists' }],
  ['[No fewer than 12 ministers] resigned.', { min: 12, hedge: 'no fewer than', counted: 'ministers' }],
  // Softened values: the hedge is kept, the value stays
  ['[Nearly 3,000 troops] had died by the end of May, the general staff said.', { value: 3000, hedge: 'nearly', counted: 'troops killed', as_of: 'by the end of May' }],
  ['[Almost 40%] of the harvest was lost.', { value: 40, hedge: 'almost', unit: 'percent' }],
  ['[About 250 people] attended the vigil.', { value: 250, hedge: 'about', counted: 'people' }],
  ['[Around 70 trucks] crossed on Monday.', { value: 70, hedge: 'around', counted: 'trucks' }],
  ['[Roughly 38 percent] of capacity is offline.', { value: 38, hedge: 'roughly', unit: 'percent' }],
  ['[Some 15,000 soldiers] took part in the drills.', { value: 15000, hedge: 'some', counted: 'troops' }],
  ['[An estimated 2 million refugees] have left the country.', { value: 2e6, hedge: 'an estimated', counted: 'refugees' }],
  ['[Approximately 800 households] lost power.', { value: 800, hedge: 'approximately', counted: 'households' }],
  ['[Close to 90 percent] of the town was destroyed.', { value: 90, hedge: 'close to', unit: 'percent' }],
  ['The crowd numbered [only 300].', { value: 300, hedge: 'only' }],
  ['Medics said [about 40 police officers] were hurt.', { value: 40, hedge: 'about', counted: 'officers wounded', source: 'Medics' }],
  // A hedge just outside the tag still counts
  ['The agency counted nearly [1,400 migrants] on the island.', { value: 1400, hedge: 'nearly', counted: 'migrants' }],
  ['Rescuers said at least [19 people] died.', { min: 19, hedge: 'at least', counted: 'people killed', source: 'Rescuers' }],
  ['Officials estimated between [7,000 and 15,000 troops] had been killed.', { min: 7000, max: 15000, hedge: 'between', counted: 'troops killed' }],
  // Counted thing: synonyms, outcomes, a noun borrowed from the figure before
  ['The army said [1,020 soldiers] had been killed and 2,900 wounded.', { counted: 'troops killed', source: 'the army' }],
  ['The army said 1,020 soldiers had been killed and [2,900 wounded].', { value: 2900, counted: 'troops wounded' }],
  ['The ministry said it had lost [640 servicemen] in the offensive.', { counted: 'troops killed' }],
  ['Moscow said it had lost 640 servicemen with another [1,700 injured].', { counted: 'troops wounded', sourceKey: 'Russia' }],
  ['[212 troops] died in the first week.', { counted: 'troops killed' }],
  ['[Hundreds of containers] are thought to have been lost.', { min: 200, counted: 'containers lost' }],
  ['[Forty soldiers] were lost when the bridge fell.', { value: 40, counted: 'troops killed' }],
  ['The resolution won [93 votes in favour].', { counted: 'votes in favour' }],
  ['Another [35 countries] abstained in the vote.', { counted: 'countries abstaining' }],
  ['[18 nations] voted against the motion.', { counted: 'countries against' }],
  ['[61 civilians] were found in a mass grave, the prosecutor said.', { counted: 'civilians found', source: 'the prosecutor' }],
  ['[4,500 people] fled the fighting overnight.', { counted: 'people fled' }],
  ['[30 fishermen] remain missing.', { counted: 'fishermen missing' }],
  ['[27 soldiers] were taken prisoner near the river.', { counted: 'troops captured' }],
  ['Estimates of enemy casualties ranged between [8,000 and 11,000].', { min: 8000, max: 11000, counted: 'casualties' }],
  // Sources
  ['At a March 25 briefing, General Anton Vell, the deputy chief of staff, said [1,351 soldiers] had been killed.', { source: 'General Anton Vell', as_of: 'March 25' }],
  ['[2,417 people] were evacuated, according to Reuters.', { source: 'Reuters' }],
  ['The Kremlin claimed that [1,351 troops] had been killed.', { source: 'Kremlin', sourceKey: 'Russia' }],
  ['The Kremlin claimed that [1,351 troops] had been killed at the end of March.', { as_of: 'the end of March' }],
  ['NATO officials estimated that [7,000 troops] had been killed.', { source: 'NATO officials', sourceKey: 'NATO' }],
  ['On March 21, the tabloid Northern Star briefly reported that [9,100 soldiers] had died.', { source: 'Northern Star', as_of: 'March 21', counted: 'troops killed' }],
  ['Ukraine put the toll at [14,000 soldiers] killed.', { source: 'Ukraine', sourceKey: 'Ukraine' }],
  ['However, regional authorities said [230 homes] had been flooded.', { source: 'regional authorities' }],
  ['Kyiv said on Sunday that [300 civilians] had died.', { sourceKey: 'Ukraine' }],
  ['The figure of [2,000 arrests] has not been confirmed.', { source: null }],
  // A possessive before the speaking body: the body speaks for its owner and groups with it
  ["The Port Authority's spokesperson said [1,200 residents] were evacuated.", { source: "the Port Authority's spokesperson", sourceKey: 'port authority', counted: 'residents evacuated' }],
  ['The Port Authority’s spokesperson told reporters that [86 vessels] were stuck.', { source: 'the Port Authority’s spokesperson', sourceKey: 'port authority' }],
  ["The ministry's spokesman said [40 soldiers] were wounded.", { source: "the ministry's spokesman", sourceKey: 'ministry', counted: 'troops wounded' }],
  ["Moscow's defence ministry said [300 troops] had died.", { sourceKey: 'Russia', counted: 'troops killed' }],
  ["The Kremlin's spokesman said [1,351 soldiers] had been killed.", { source: "the Kremlin's spokesman", sourceKey: 'Russia' }],
  // Times
  ['Russia in late March said it had lost [1,351 soldiers].', { as_of: 'late March', source: 'Russia' }],
  ['By early April, [600 shops] had closed.', { as_of: 'By early April' }],
  ['Police counted [40,000 marchers] on 14 July.', { as_of: '14 July' }],
  ['Since February 24, [3,000 civilians] have been killed.', { as_of: 'Since February 24' }],
  ['In mid-June the agency recorded [1,800 cases].', { as_of: 'mid-June' }],
  ['[90 votes] were cast on Friday.', { as_of: null }],
  // Dates without a year are still days of the year, comparable with each other
  ['On March 25 the Kremlin said [1,351 troops] had been killed.', { as_of: 'March 25', when: { from: 87, to: 87 } }],
  ['[1,351 troops] had been killed by the end of March, Moscow said.', { as_of: 'by the end of March', when: { from: 82, to: 93 } }],
  ['[640 servicemen] had died by end of March.', { as_of: 'by end of March', when: { from: 82, to: 93 } }],
  ['At the end of March the council counted [212 households] without power.', { as_of: 'the end of March', when: { from: 82, to: 93 } }],
  ['In early March the council counted [180 households] without power.', { as_of: 'early March', when: { from: 63, to: 72 } }],
  ['On 25 March 2022, [90 ships] were in port.', { as_of: '25 March 2022', when: { from: 87, to: 87 } }],
];

describe('figures understood: a table of news phrasings', () => {
  it(`has at least 80 phrasings (${ROWS.length})`, () => assert.ok(ROWS.length >= 80));
  for (const [marked, expect] of ROWS) {
    it(marked, () => {
      const r = read(marked);
      const got: Record<string, unknown> = {};
      for (const key of Object.keys(expect)) got[key] = (r as unknown as Record<string, unknown>)[key];
      assert.deepEqual(got, expect);
    });
  }
});

describe('figures understood: attributes set by hand win', () => {
  it('value, unit, counts, source and as_of override the parse', () => {
    const r = read('The mayor said [about 2,470 people] were evacuated on May 3.', { value: 2417, unit: 'people', counts: 'evacuees', source: 'City Hall', as_of: 'May 4' });
    assert.deepEqual([r.value, r.unit, r.counted, r.source, r.as_of], [2417, 'people', 'evacuees', 'City Hall', 'May 4']);
    assert.equal(r.hedge, 'about', 'the hedge is still read from the text');
  });
  it('min and max by hand make a range; a comparator makes a bound', () => {
    assert.deepEqual([read('Damage reached [40 million crowns].', { min: 40e6, max: 65e6 })].map((r) => [r.value, r.min, r.max]), [[undefined, 40e6, 65e6]]);
    assert.deepEqual([read('It was shared [more than 14,000 times].', { value: 14000, comparator: '>' })].map((r) => [r.value, r.min, r.max]), [[undefined, 14000, undefined]]);
  });
  it('an attribute-only figure whose text has no number is still read', () => {
    const r = read('The toll was [in the thousands], officials said.', { value: 3000 });
    assert.equal(r.value, 3000);
    assert.equal(r.unreadable, false);
    assert.equal(read('The toll was [in the thousands], officials said.').unreadable, true);
  });
});

describe('figures understood: the synonym list can be extended', () => {
  it('a user synonym brings two wordings to one counted thing', () => {
    const marines = '[40 marines] were killed in the raid.';
    assert.equal(read(marines).counted, 'marines killed');
    const vocabulary = extendVocabulary(DEFAULT_VOCABULARY, { nouns: { troops: ['marines'] }, outcomes: { killed: ['slain'] } });
    assert.equal(read(marines, undefined, vocabulary).counted, 'troops killed');
    assert.equal(read('[40 soldiers] were slain in the raid.', undefined, vocabulary).counted, 'troops killed');
  });
});
