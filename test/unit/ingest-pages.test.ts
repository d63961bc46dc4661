// Fictional saved pages in the markup real news sites use: the article's text must come out
// exactly, with every piece of the site's furniture gone, and the details read from the page.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { detailProblem } from '../../src/core/details';
import { extractArticle, type PageMeta } from '../../src/core/ingest/index';

const PAGES = join(__dirname, '..', 'fixtures', 'pages');
const NBSP = '\u00a0';

function ingest(name: string): { text: string; meta: PageMeta; warnings: string[] } {
  const result = extractArticle(readFileSync(join(PAGES, name)), { maxBytes: 10 * 1024 * 1024, sourceName: name });
  assert.ok(result.ok, `${name} should be read: ${result.ok ? '' : result.message}`);
  return result;
}

const paragraphs = (...lines: string[]): string => `${lines.join('\n\n')}\n`;

function assertGone(text: string, ...boilerplate: string[]): void {
  for (const b of boilerplate) assert.ok(!text.includes(b), `"${b}" should be gone from:\n${text}`);
}

function assertValidDetails(meta: PageMeta): void {
  for (const key of ['outlet', 'url', 'published', 'headline', 'byline'] as const) {
    if (meta[key] !== undefined) assert.equal(detailProblem(key, meta[key]), undefined, `${key}: ${meta[key]}`);
  }
}

describe('ingesting saved pages', () => {
  it('a WordPress page: the story with its heading, quote and list; no menus, ads, share bar, tags, neighbours, author box, related list or comment form', () => {
    const { text, meta, warnings } = ingest('wordpress-comments.html');
    assert.equal(text, paragraphs(
      'Harbor council delays vote on ferry subsidy',
      'The Lakeside harbor council put off its vote on the island ferry subsidy on Wednesday night, after two members said they had received the operator’s cost figures only hours before the meeting.',
      `The subsidy, worth 1.4${NBSP}million crowns a year, keeps the morning crossing to Stillholm running through the winter months. Without it, the operator has said it would cut the first two departures from November.`,
      '“We are being asked to sign a cheque for a number we have not been allowed to check,” said councillor Ines Brandt, who moved to postpone.',
      'What the operator says',
      'The operator, Fjordline Shuttles, said in a statement that the figures had been “available on request since January” and that further delay put the winter timetable at risk.',
      'Every week without a decision is a week our crews cannot plan for.',
      'Council members listed three conditions for a new vote:',
      'an audited breakdown of fuel costs,',
      'passenger counts for the last two winters, and',
      'a written promise to keep the 6:40 departure.',
      `The council is expected to return to the question at its meeting on March${NBSP}26.`,
    ));
    assertGone(text, 'Please enter your comment', 'Please enter your name', 'Previous article', 'Next article', 'Advertise', 'Advertisement', 'AD-SLOT-TEXT', 'Share', 'Facebook', 'TAGS', 'RELATED ARTICLES', 'LEAVE A REPLY', 'MOST POPULAR', 'covers the harbor', 'TRACKER-SCRIPT-TEXT', 'WRITTEN-BY-SCRIPT', 'Home', '©');
    // The Yoast @graph names its author and publisher by reference.
    assert.deepEqual(meta, {
      outlet: 'The Lakeside Ledger',
      url: 'https://lakesideledger.example/2026/03/12/harbor-council-delays-vote/',
      published: '2026-03-12T07:45:00+00:00',
      headline: 'Harbor council delays vote on ferry subsidy',
      byline: 'Marta Velde',
    });
    assert.deepEqual(warnings, []);
  });

  it('a tabloid page: the tweet kept without its picture link; Read-more boxes, cookie banner, newsletter box and recommendations dropped', () => {
    const { text, meta } = ingest('tabloid-tweet.html');
    assert.equal(text, paragraphs(
      "Mayor's rubbish strike U-TURN as bin crews walk out",
      'Town hall drops pay freeze hours after collections stop across the borough',
      'BIN crews across Eastmoor walked off the job this morning – and by tea time the mayor had caved.',
      'Rubbish piled up outside homes in 40 streets as drivers and loaders refused to start their rounds over a proposed pay freeze.',
      'Mayor Colin Rudd had insisted on Monday that there was "no money left in the pot".',
      'But after a day of overflowing bins, he posted on social media that the freeze was "paused while we talk".',
      'Talks with the crews start tomorrow at 9am. The pay freeze is paused while we talk. Bins first, politics second.',
      '— Colin Rudd (@MayorRuddFictional) April 2, 2026',
      'Union rep Sandra Achterberg said members would return on Thursday "if the letter says what the tweet says".',
      'A town hall spokesman declined to say how much the climbdown would cost.',
    ));
    assertGone(text, 'pic.twitter.com', 'READ MORE', 'Council tax to rise', 'Mapped:', 'We use cookies', 'Accept all', 'Morning Briefing', 'Sign up', 'You may also like', 'Comments (214)', 'Advertise', '18:20', 'By Dev Okafor');
    assert.deepEqual(meta, {
      outlet: 'The Daily Clarion',
      url: 'https://www.dailyclarion.example/news/bin-strike-u-turn-3318842',
      published: '2026-04-02T18:20:00Z',
      headline: "Mayor's rubbish strike U-TURN as bin crews walk out",
      byline: 'Dev Okafor and Lina Shaw',
    });
  });

  it('a wire page: JSON-LD outranks Open Graph, and its zone without a colon is mended', () => {
    const { text, meta } = ingest('wire-jsonld.html');
    assert.equal(text, paragraphs(
      'Grain ships resume sailings from Port Veyra after week-long halt',
      'PORT VEYRA, March 24 (Meridian Wire) - Four grain carriers left Port Veyra on Tuesday, the first departures since a dispute over inspection fees halted loading eight days ago, the port authority said.',
      'The authority said a further 11 vessels were waiting to load and that inspections would run around the clock until the backlog cleared.',
      'Traders said prices for March delivery fell 2.3% in early trading after the news.',
      '"The queue will take at least a fortnight to clear," said Rafael Ortiz, a broker at Calloway Freight. "Nobody should expect normal schedules before April."',
      '(Reporting by Amara Lindqvist; Editing by Jonas Marr)',
    ));
    assertGone(text, 'Your privacy matters', 'MERIDIAN WIRE', 'Our Standards', 'Morning Bid', 'quotes delayed', 'March 24, 2026 9:15 AM');
    assert.deepEqual(meta, {
      outlet: 'Meridian Wire',
      url: 'https://meridianwire.example/world/grain-ships-resume-2026-03-24/',
      published: '2026-03-24T09:15:00+00:00',
      headline: 'Grain ships resume sailings from Port Veyra after week-long halt',
      byline: 'Amara Lindqvist',
    });
  });

  it('an AMP page: amp-* furniture dropped; the address from the canonical link and the date from <time>', () => {
    const { text, meta } = ingest('amp.html');
    assert.equal(text, paragraphs(
      'Night trains return to the coast line',
      'Sleeper services between Harwick and Port Elsin will run again from May, the regional rail authority announced, four years after the last night train was withdrawn.',
      'Three trains a week will leave Harwick at 22:10 and reach Port Elsin shortly after six the next morning.',
      'Fares',
      'A berth in a shared compartment will cost 59 euros; a private cabin 145 euros. Seats will be sold from March 1.',
      'Tourism groups on the coast welcomed the decision, which they had lobbied for since the service was cut.',
    ));
    assertGone(text, 'Advertisement', 'Menu', 'Travel', 'Weather', 'G-FAKE', '3 February 2026', '©');
    assert.deepEqual(meta, {
      outlet: 'North Coast Herald',
      url: 'https://northcoastherald.example/travel/night-trains-return.html',
      published: '2026-02-03',
      headline: 'Night trains return to the coast line',
    });
  });

  it('a page with only Open Graph tags: the site name taken off the title, the byline parted from its date', () => {
    const { text, meta } = ingest('opengraph-only.html');
    assert.equal(text, paragraphs(
      'Clinic waiting lists fall for third month',
      'The number of patients waiting more than 18 weeks for a first appointment at Valley clinics fell to 2,140 in February, the third monthly fall in a row.',
      `The health board credited evening clinics opened in the autumn. “The extra sessions are doing what we hoped,” said its chair, Dr${NBSP}Helen Mørk.`,
      'Patient groups said the figures still hid long waits for some specialties, with dermatology patients waiting on average 31 weeks.',
      'The board will publish its spring plan next month.',
    ));
    assertGone(text, 'Share this', 'Email', 'Print', 'Related', 'Dental practice', 'By Tomas', '14:02', 'Home');
    // article:author is an address, not a name: the byline comes from the page.
    assert.deepEqual(meta, {
      outlet: 'Valley Courier',
      url: 'https://valleycourier.example/health/clinic-waiting-lists-fall',
      published: '2026-03-05T14:02:00',
      headline: 'Clinic waiting lists fall for third month',
      byline: 'Tomas Ekwueme',
    });
  });

  it('a Windows-1252 page: curly quotes, dashes, € and no-break spaces as the page has them; an RFC 2822 date in UTC', () => {
    const { text, meta } = ingest('windows-1252.html');
    assert.equal(text, paragraphs(
      'Café owners fight “terrace tax”',
      'Owners of 23 cafés on the Riverside promenade have signed a letter against a new charge of €12 per square metre for outdoor tables, which the town introduces in April.',
      `“A terrace is what keeps a café here alive between September and May,” said Renée Duval, who runs the Café du Quai. “This charge would cost me 1${NBSP}800 euros a year.”`,
      `The town’s finance officer said the charge would raise about 90${NBSP}000 euros, to be spent on repaving the promenade – work the owners themselves have asked for.`,
      'The council will hear the owners’ letter at its next meeting.',
    ));
    assertGone(text, '\u0093', '\u0096', 'Home', '©');
    assert.deepEqual(meta, {
      outlet: 'Riverside Post',
      url: 'http://riversidepost.example/local/cafe-terrace-tax.htm',
      published: '2026-03-10T08:30:00Z',
      headline: 'Café owners fight “terrace tax”',
    });
  });

  it('every page gives details the sidecar accepts', () => {
    for (const name of ['wordpress-comments.html', 'tabloid-tweet.html', 'wire-jsonld.html', 'amp.html', 'opengraph-only.html', 'windows-1252.html']) assertValidDetails(ingest(name).meta);
  });
});
