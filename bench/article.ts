/**
 * A fictional, news-like article of a given size, from a seeded PRNG: sentences built from word
 * lists, with curly quotes, non-breaking spaces, non-BMP emoji, figures (2,417) and ranges
 * (2019–2023), and the repetition of real wire copy: boilerplate sentences, stock phrases and
 * whole paragraphs that recur in later updates.
 */
import { Rng } from './prng';

const NBSP = '\u00a0';

const FIRST = ['Renata', 'Tomas', 'Ilse', 'Marek', 'Odile', 'Pavel', 'Sunniva', 'Kofi', 'Hana', 'Dmitri', 'Lucia', 'Anselm', 'Yara', 'Bruno', 'Ines', 'Casimir', 'Mireille', 'Osric', 'Talia', 'Viggo'];
const LAST = ['Hollis-Varga', 'Brenner', 'Okafor', 'Lindqvist', 'Marchetti', 'Szabo', 'Achterberg', 'Duarte', 'Kowalczyk', 'Feeney', 'Rautio', 'Mbeki', 'Castellan', 'Oyelaran', 'Vasquez', 'Thorne', 'Delacroix', 'Nyberg'];
const ROLES = ['a spokeswoman for', 'the deputy head of', 'a senior official at', 'the chief executive of', 'an adviser to', 'a spokesman for', 'the chair of', 'a lawyer representing'];
const ORGS = ['the Kessmouth Port Authority', 'the Ministry of Water', 'the Northern Grid Company', 'the Lowquay Council', 'the Federal Audit Office', 'Harrow & Pike Insurance', 'the Riverine Union', 'the Coastal Guard', 'the National Rail Board', 'the Tessaly Energy Group'];
const PLACES = ['Lowquay', 'Kessmouth', 'Brannock', 'Easterhold', 'Valdry', 'Port Amsel', 'Marrowfield', 'Saint Oria', 'Gullstrand', 'Dunwick'];
const OUTLETS = ['the Clarion', 'Newswire', 'the Evening Ledger', 'Radio Meridian', 'the Harbour Gazette'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SAID = ['said', 'told reporters', 'said in a statement', 'wrote on social media', 'told a press conference', 'said in an interview'];
const NOUNS = ['residents', 'engineers', 'workers', 'households', 'inspectors', 'passengers', 'farmers', 'contractors', 'students', 'patients', 'tonnes of grain', 'vessels', 'homes', 'jobs'];
const ADJ = ['serious', 'limited', 'unprecedented', 'orderly', 'temporary', 'significant', 'unacceptable', 'routine', 'deliberate', 'partial', 'urgent', 'modest'];
const THINGS = ['the dam', 'the evacuation', 'the audit', 'the contract', 'the power cuts', 'the flood barrier', 'the new timetable', 'the merger', 'the inquiry', 'the strike', 'the subsidy scheme', 'the bridge repairs'];
const VERBS = ['damaged', 'evacuated', 'delayed', 'approved', 'blocked', 'reviewed', 'suspended', 'funded', 'inspected', 'cancelled', 'reopened', 'expanded'];
const CLAIMS = ['the damage was', 'the response had been', 'the losses were', 'the warnings were', 'the decision was', 'the delay was', 'the cost overrun was'];
const EMOJI = ['🙏', '📈', '🚨', '🇺🇦', '👍', '🔥', '😡', '🌊', '⚡', '💶'];
const FILLER = ['However,', 'Meanwhile,', 'Earlier,', 'Separately,', 'In a statement,', 'On Thursday,', 'Last year,', 'By contrast,'];

function num(rng: Rng): string {
  const n = rng.chance(0.5) ? rng.int(2, 999) : rng.int(1000, 99999);
  return n.toLocaleString('en-US'); // 2,417
}

function name(rng: Rng): string {
  return `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
}

/** Words for edits: same vocabulary as the article. */
export function randomWords(rng: Rng, count: number): string[] {
  const pool = [...NOUNS, ...ADJ, ...VERBS, ...DAYS, ...PLACES, 'the', 'a', 'of', 'and', 'in', 'officials', 'reportedly', 'also', 'later', 'still'];
  const out: string[] = [];
  while (out.length < count) out.push(...rng.pick(pool).split(' '));
  return out.slice(0, count);
}

function sentence(rng: Rng): string {
  switch (rng.int(0, 11)) {
    case 0:
      return `${name(rng)}, ${rng.pick(ROLES)} ${rng.pick(ORGS)}, ${rng.pick(SAID)} on ${rng.pick(DAYS)} that ${rng.pick(CLAIMS)} “${rng.pick(ADJ)} but contained”.`;
    case 1:
      return `“${capital(rng.pick(CLAIMS))} ${rng.pick(ADJ)}, and we will not accept ${rng.pick(THINGS)},” ${name(rng)} ${rng.pick(SAID)}.`;
    case 2:
      return `${capital(rng.pick(ORGS))} ${rng.pick(VERBS)} ${num(rng)} ${rng.pick(NOUNS)} in ${rng.pick(PLACES)} between ${rng.int(2005, 2015)} and ${rng.int(2016, 2025)}, according to figures seen by ${rng.pick(OUTLETS)}.`;
    case 3: {
      const a = rng.int(1000, 9000);
      return `Estimates range from ${a.toLocaleString('en-US')}–${(a + rng.int(50, 900)).toLocaleString('en-US')} ${rng.pick(NOUNS)}, or ${rng.int(5, 20)}-${rng.int(21, 40)} per${NBSP}cent of the total, ${rng.pick(OUTLETS)} reported.`;
    }
    case 4:
      return `Mr${NBSP}${rng.pick(LAST)} denied that ${rng.pick(NOUNS)} had been warned about ${rng.pick(THINGS)}: ‘That is simply not true,’ he ${rng.pick(SAID)}.`;
    case 5:
      return `${rng.pick(FILLER)} ${rng.pick(THINGS)} in ${rng.pick(PLACES)} was ${rng.pick(VERBS)} after ${num(rng)} ${rng.pick(NOUNS)} were ${rng.pick(VERBS)} — the ${rng.pick(['third', 'fourth', 'second', 'fifth'])} time since ${rng.pick(MONTHS)}.`;
    case 6:
      return `One resident posted “${capital(rng.pick(ADJ))} night in ${rng.pick(PLACES)} ${rng.pick(EMOJI)}${rng.chance(0.5) ? rng.pick(EMOJI) : ''}” with a photo of ${rng.pick(THINGS)}, which was shared ${num(rng)} times.`;
    case 7:
      return `The ${rng.pick(['project', 'scheme', 'programme', 'operation'])} will cost ${rng.int(2, 950)}${NBSP}million crowns, up from ${rng.int(2, 400)}${NBSP}million in ${rng.int(2015, 2024)}, ${rng.pick(ORGS)} said.`;
    case 8:
      return `Critics called ${rng.pick(THINGS)} ${rng.pick(ADJ)} and said ${rng.pick(ORGS)} had “${rng.pick(['misled', 'ignored', 'failed'])} the public for ${rng.int(2, 15)} years”.`;
    case 9:
      return `${rng.pick(FILLER)} ${num(rng)} ${rng.pick(NOUNS)} in ${rng.pick(PLACES)} were still without power on ${rng.pick(DAYS)}, ${rng.int(3, 48)} hours after ${rng.pick(THINGS)} was ${rng.pick(VERBS)}…`;
    case 10:
      return `Asked whether ${rng.pick(THINGS)} would go ahead, ${name(rng)} said only: “We are reviewing ${rng.pick(THINGS)} and will say more on ${rng.pick(DAYS)}.”`;
    default:
      return `${capital(rng.pick(NOUNS))} in ${rng.pick(PLACES)} ${rng.pick(['said', 'complained', 'reported'])} that ${rng.pick(THINGS)} had been ${rng.pick(VERBS)} without notice on ${rng.int(1, 28)}${NBSP}${rng.pick(MONTHS)}.`;
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Boilerplate that wire copy repeats verbatim, fixed per seed. */
function boilerplate(rng: Rng): string[] {
  const out = [
    'The ministry did not immediately respond to a request for comment.',
    '(Reporting by Newswire staff; editing by the Evening Ledger desk.)',
    'The company declined to comment on the figures.',
  ];
  for (let i = 0; i < 40; i++) out.push(sentence(rng));
  return out;
}

/** Paragraphs joined by blank lines, at least `minBytes` of UTF-8. */
export function generateArticle(seed: number, minBytes: number): string {
  const rng = new Rng(seed);
  const stock = boilerplate(rng);
  const paragraphs: string[] = ['Port chief ADMITS “serious losses” after dam failure'];
  let bytes = Buffer.byteLength(paragraphs[0] as string);
  let update = 1;
  while (bytes < minBytes) {
    let p: string;
    if (paragraphs.length > 20 && rng.chance(0.03)) {
      // An update repeats an earlier paragraph word for word.
      p = paragraphs[paragraphs.length - rng.int(2, 20)] as string;
    } else if (rng.chance(0.02)) {
      p = `${rng.pick(PLACES).toUpperCase()}, ${rng.pick(MONTHS)} ${rng.int(1, 28)} (Newswire) — Update ${update++}: ${sentence(rng)}`;
    } else {
      const parts: string[] = [];
      const count = rng.int(2, 6);
      for (let i = 0; i < count; i++) {
        parts.push(rng.chance(0.12) ? rng.pick(stock) : sentence(rng));
        if (i < count - 1) parts.push(rng.chance(0.04) ? '  ' : ' '); // some double spaces after a full stop
      }
      p = parts.join('');
    }
    paragraphs.push(p);
    bytes += Buffer.byteLength(p) + 2;
  }
  return paragraphs.join('\n\n') + '\n';
}
