/**
 * Where a figure's sentence says it comes from (source) and which moment it counts to (time).
 * Plain patterns of news English; an analyst's `source` / `as_of` attribute wins over them.
 */
import { synonymIndex, type SynonymList } from './vocabulary';

const ABBREVIATION = /\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|U\.S|No)$/;

/** The sentence around [start, end) of LF text, as UTF-16 offsets: a line break or ". " ends it, "Dr. " does not. */
export function sentenceAround(text: string, start: number, end: number): { s: number; e: number } {
  const ends = (i: number): boolean => /[.!?]/.test(text[i] ?? '') && (i + 1 >= text.length || /\s/.test(text[i + 1]!)) && !ABBREVIATION.test(text.slice(Math.max(0, i - 4), i));
  let s = start;
  while (s > 0 && text[s - 1] !== '\n' && !(/\s/.test(text[s - 1]!) && s >= 2 && ends(s - 2))) s--;
  let e = end;
  while (e < text.length && text[e] !== '\n' && !ends(e)) e++;
  return { s, e: Math.min(text.length, e + 1) };
}

const SPEECH = 'said|says|told|claimed|claims|estimated|estimates|estimating|reported|reports|announced|announces|stated|put|puts|confirmed|confirms|acknowledged|admitted|insisted|insists|released|published|calculated|counted|recorded|tallied|revealed';
const BODY = 'officials?|authorities|government|ministry|police|spokes(?:man|woman|person)|military|army|forces|agency|office|council|committee|commission|newspaper|tabloid|analysts?|officers?|sources?|service|board|staff|prosecutors?|rescuers|investigators|monitors|observers|experts|researchers';
const NAME = "[A-Z][\\p{L}’'.-]*(?:\\s+(?:of\\s+|de\\s+|al-)?[A-Z][\\p{L}’'.-]*)*";
/**
 * "Rudskoi said", "Sergei Rudskoi, the deputy chief of staff, said", "NATO officials estimated",
 * "the ministry said", "the ministry's spokesman said" (a possessive is part of the speaker, not
 * the end of a word before it).
 */
const SPEAKER = new RegExp(`(?:\\b(?:(?:the|The|a|A|an|An)\\s+)?(?:[a-z]+(?:['’]s)?\\s+)?(?:${BODY})\\b|${NAME}(?:(?:\\s+(?!(?:the|a|an)\\b)[a-z]+){0,2}\\s+(?:${BODY})(?:\\s+and\\s+(?:${BODY}))?)?)(?:,[^,]{3,110},)?(?:\\s+(?:in|on|at|by)(?:\\s+[\\p{L}\\d]+){1,2})?(?:\\s+(?:has|have|had|having|also|briefly|later|first|then|initially|previously|\\p{L}+ly))*\\s+(?:${SPEECH})\\b`, 'gu');
const ACCORDING = new RegExp(`according to\\s+(?:the\\s+)?(${NAME}|(?:[a-z]+\\s+)?(?:${BODY}))`, 'gu');
const SPEECH_END = new RegExp(`\\s+(?:${SPEECH})$`);
const OPENER = /^\s*(?:However|But|Meanwhile|Still|Yet|Instead|Earlier|Later|Separately|Overall|In total|Previously),\s/;
const TRAILING = new RegExp(`(?:\\s+(?:has|have|had|having|also|briefly|later|first|then|initially|previously|\\p{L}+ly))+$`, 'u');
const LEADING = /^(?:At|In|On|By|With|But|And|However|Yet|Still|Meanwhile|Earlier|Later|Then|Since|After|Before|When|While|A|An|The)$/;

export interface Attribution {
  /** As written ("Sergei Rudskoi", "Komsomolskaya Pravda", "the ministry"). */
  readonly source: string | null;
  /** The source family for comparing: a canonical name from the list, else the name in lower case. */
  readonly sourceKey: string | null;
}

/** The source of a figure at [start, end) in the sentence: the nearest speaker, else "according to". */
export function attributionIn(sentence: string, start: number, sources: SynonymList): Attribution {
  // "However, NATO officials estimated": the opening connective is no part of the name (blanked, offsets kept).
  sentence = sentence.replace(OPENER, (m) => ' '.repeat(m.length));
  let best: { name: string; whole: string; distance: number } | undefined;
  for (const m of sentence.matchAll(SPEAKER)) {
    const whole = m[0];
    const name = cleanName(whole.replace(SPEECH_END, '').replace(TRAILING, '').split(',')[0]!.replace(/\s+(?:in|on|at|by)\s+.*$/, ''));
    if (!name || /^(?:He|She|They|It|We|I|This|That)$/.test(name)) continue;
    // A speaker before the figure is nearer in meaning than one after: weigh the one after double.
    const distance = m.index <= start ? start - m.index : 2 * (m.index - start);
    if (!best || distance < best.distance) best = { name, whole, distance };
  }
  if (!best) {
    const according = [...sentence.matchAll(ACCORDING)][0];
    if (according) best = { name: cleanName(according[1]!), whole: according[1]!, distance: 0 };
  }
  if (!best) {
    // No speaker verb: a source family in the possessive still attributes it ("NATO's estimate of …").
    const possessive = /([A-Z][\p{L}.]*(?:\s+[A-Z][\p{L}.]*)*)[’']s\s+(?:own\s+)?(?:estimates?|figures?|count|tally|toll|data|numbers?)\b/u.exec(sentence);
    const family = possessive ? familyIn(possessive[1]!, sources) ?? possessive[1] : undefined;
    return family ? { source: family, sourceKey: familyIn(family, sources) ?? family.toLowerCase() } : { source: null, sourceKey: null };
  }
  // "the Port Authority's spokesperson": the body speaks for its owner, and groups with it.
  const owner = POSSESSIVE_BODY.exec(best.name)?.[1];
  const key = owner !== undefined ? familyIn(owner, sources) ?? owner.toLowerCase().replace(/^the\s+/, '') : familyIn(best.whole, sources) ?? best.name.toLowerCase().replace(/^the\s+/, '');
  return { source: best.name, sourceKey: key };
}

const POSSESSIVE_BODY = new RegExp(`^(.+?)['’]s\\s+(?:[a-z]+\\s+)?(?:${BODY})$`);

function cleanName(raw: string): string {
  const words = raw.trim().split(/\s+/);
  while (words.length > 1 && LEADING.test(words[0]!)) words.shift();
  let name = words.join(' ').replace(/[’']s$/, '').replace(/(?<![A-Z])\.$/, '');
  // "the ministry", "a defence official": a common noun keeps its article; "the Kremlin" does not need one.
  const article = /^(the|a|an)\s/i.exec(raw.trim())?.[1]?.toLowerCase();
  // "The Port Authority's spokesperson" keeps its article too: the speaker is the spokesperson.
  if (article && (/^\p{Ll}/u.test(name) || /['’]s\s+\p{Ll}/u.test(name)) && !name.toLowerCase().startsWith(`${article} `)) name = `${article} ${name}`;
  return name;
}

/** The canonical source family named anywhere in the text, if any. */
export function familyIn(text: string, sources: SynonymList): string | undefined {
  const low = ` ${text.toLowerCase().replace(/[^\p{L}\d]+/gu, ' ')} `;
  for (const [word, key] of synonymIndex(sources)) if (low.includes(` ${word} `)) return key;
  return undefined;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?';
const TIME = new RegExp(
  `\\b(?:([Ss]ince|[Aa]s of|[Bb]y|[Uu]ntil)\\s+)?(?:(early|mid-?|late|the end of|end of|the start of|the beginning of|the middle of)\\s*)?(?:${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b|(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}|${MONTH})(?:,?\\s+(\\d{4}))?`,
  'g',
);

export interface TimeRef {
  /** As written: "March 25", "late March", "since February 24". */
  readonly text: string;
  /** Days of the year it may mean (a month of 31 days is close enough for comparing). */
  readonly from: number;
  readonly to: number;
}

/** The time nearest the figure in its sentence, if the sentence names one. */
export function timeIn(sentence: string, start: number): TimeRef | undefined {
  let best: { ref: TimeRef; distance: number } | undefined;
  for (const m of sentence.matchAll(TIME)) {
    const ref = timeRef(m);
    if (!ref) continue;
    const distance = Math.abs(m.index - start);
    if (!best || distance < best.distance) best = { ref, distance };
  }
  return best?.ref;
}

function timeRef(m: RegExpMatchArray): TimeRef | undefined {
  const [text, since, part, monthA, dayA, dayB, monthB, monthC, year] = m;
  const monthWord = (monthA ?? monthB ?? monthC ?? '').toLowerCase();
  // "May" alone is too often the verb to count as a time.
  if (monthC && monthWord === 'may' && !part && !year) return undefined;
  const month = MONTHS.findIndex((name) => name.startsWith(monthWord.slice(0, 3)));
  if (month < 0) return undefined;
  const day = Number(dayA ?? dayB ?? 0);
  // The year is left out: a sentence that gives one for one figure and not for another means the same year.
  const base = month * 31;
  let from = base + 1;
  let to = base + 31;
  if (day) from = to = base + day;
  else if (part?.startsWith('early') || /start|beginning/.test(part ?? '')) to = base + 10;
  else if (part?.startsWith('mid') || part?.includes('middle')) [from, to] = [base + 11, base + 20];
  else if (part) from = base + 20; // late, the end of
  if (since && /^since$/i.test(since)) to = Infinity; // a running total up to now
  return { text: text.trim().replace(/(?<=\p{L}{3})\.$/u, ''), from, to };
}
