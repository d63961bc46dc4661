/**
 * The figure-ledger workload: many articles reporting the same few running tolls (troops killed
 * and wounded, civilians who fled, people evacuated, votes in favour) from the same few sources
 * (the Kremlin, Kyiv, NATO officials, the UN, a port authority's spokesperson …) on the same
 * days. Each (thing, source, day) has one true value that most outlets print as is; some print it
 * with a typo (3,835 for 3,825), a hedge (about, more than) or as a range, some give no date.
 * Sources disagree with each other and revise over time, so the ledger has real groups,
 * mismatches, divergences and timelines to find. Half of each article's tags are these figures,
 * the rest the usual mix of claims, denials and framing on the generated filler text.
 */
import type { LedgerArticle } from '../src/core/figures/ledger';
import { ArticleText, createTag, type Tag } from '../src/core/tag';
import { generateArticle } from './article';
import { makeTags } from './mutate';
import { Rng } from './prng';

interface Thing {
  /** Scale of the toll on day 0 and how fast it grows per day. */
  readonly base: number;
  readonly growth: number;
  /** The figure and the rest of its clause: {n} is the number; the tag covers "{n} noun". */
  readonly wordings: readonly (readonly [tagged: string, rest: string])[];
}

const THINGS: readonly Thing[] = [
  { base: 1200, growth: 45, wordings: [['{n} soldiers', 'had been killed'], ['{n} troops', 'were killed'], ['{n} servicemen', 'had died']] },
  { base: 3100, growth: 110, wordings: [['{n} soldiers', 'were wounded'], ['{n} troops', 'had been injured']] },
  { base: 42000, growth: 2600, wordings: [['{n} civilians', 'fled the fighting'], ['{n} civilians', 'had been displaced']] },
  { base: 900, growth: 30, wordings: [['{n} people', 'were evacuated'], ['{n} residents', 'were evacuated']] },
  { base: 118, growth: 0, wordings: [['{n} votes', 'in favour of the resolution']] },
  { base: 260, growth: 6, wordings: [['{n} civilians', 'were killed in the shelling'], ['{n} civilians', 'died in the shelling']] },
];

/** How a source speaks and how far its figures sit from the others' (1 = the middle estimate). */
interface Source {
  readonly said: readonly string[];
  readonly bias: number;
}

const SOURCES: readonly Source[] = [
  { said: ['The Kremlin said', 'Moscow claimed that', 'The Russian defence ministry said'], bias: 0.35 },
  { said: ['Kyiv said', 'Ukrainian officials estimated that', 'According to Ukrainian authorities,'], bias: 1.6 },
  { said: ['NATO officials estimated that', 'According to NATO,'], bias: 1.0 },
  { said: ['The United Nations said', 'According to the United Nations,'], bias: 0.8 },
  { said: ['General Anton Vell said', 'General Anton Vell, the deputy chief of staff, said'], bias: 0.5 },
  { said: ["The Port Authority's spokesperson said", 'The Port Authority said'], bias: 1.1 },
  { said: ['The regional council said', 'Regional council officials said'], bias: 0.9 },
  { said: ['The tabloid Evening Lantern reported that'], bias: 2.2 },
];

const MONTHS = ['March', 'April'];
const DAYS = 40;

function when(rng: Rng, day: number): string {
  const month = MONTHS[Math.floor(day / 20)]!;
  const date = 1 + ((day % 20) * 3) % 28;
  const r = rng.next();
  if (r < 0.15) return ''; // no date given
  if (r < 0.25) return day % 20 >= 14 ? ` by the end of ${month}` : ` in early ${month}`;
  return ` on ${month} ${date}`;
}

/** The printed number: the true one, or now and then a slip of one digit or two swapped digits. */
function printed(rng: Rng, value: number): number {
  if (value < 100 || !rng.chance(0.03)) return value;
  const digits = String(value).split('');
  const p = rng.int(1, digits.length - 1);
  if (rng.chance(0.5) && digits[p] !== digits[p - 1]) [digits[p - 1], digits[p]] = [digits[p]!, digits[p - 1]!];
  else digits[p] = String((Number(digits[p]) + rng.int(1, 9)) % 10);
  return Number(digits.join(''));
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** One figure sentence; returns it and where (in UTF-16 units of the sentence) its tag sits. */
function figureSentence(rng: Rng): { sentence: string; at: number; length: number } {
  const thingIndex = rng.int(0, THINGS.length - 1);
  const thing = THINGS[thingIndex]!;
  const source = SOURCES[rng.int(0, SOURCES.length - 1)]!;
  const day = rng.int(0, DAYS - 1);
  const value = Math.round((thing.base + thing.growth * day) * source.bias);
  const [tagged, rest] = rng.pick(thing.wordings);
  const r = rng.next();
  let amount: string;
  if (r < 0.06) amount = `${rng.pick(['about', 'nearly', 'some', 'around'])} ${fmt(value)}`;
  else if (r < 0.1) amount = `${rng.pick(['more than', 'at least'])} ${fmt(Math.round(value * 0.95))}`;
  else if (r < 0.14) amount = `between ${fmt(Math.round(value * 0.9))} and ${fmt(Math.round(value * 1.15))}`;
  else amount = fmt(printed(rng, value));
  const head = `${rng.pick(source.said)} `;
  const figure = tagged.replace('{n}', amount);
  const sentence = `${head}${figure} ${rest}${when(rng, day)}.`;
  return { sentence, at: head.length, length: figure.length };
}

export function figureCorpus(seed: number, articles: number, tagsEach: number): LedgerArticle[] {
  const out: LedgerArticle[] = [];
  for (let i = 0; i < articles; i++) {
    const rng = new Rng(seed + i);
    const filler = generateArticle(seed + i, 4 * 1024).split('\n\n');
    const paragraphs: string[] = [];
    const spans: { start: number; end: number }[] = [];
    let length = 0; // code points so far, the sidecar's unit
    const add = (p: string): void => {
      paragraphs.push(p);
      length += Array.from(p).length + 2;
    };
    const figures = Math.floor(tagsEach / 2);
    for (let f = 0, k = 0; f < figures; k++) {
      if (k < filler.length) add(filler[k]!);
      const parts: string[] = [];
      let offset = length;
      for (let s = 0; s < 3 && f < figures; s++, f++) {
        // Figure sentences are plain BMP text: UTF-16 offsets within them are code points.
        const { sentence, at, length: n } = figureSentence(rng);
        spans.push({ start: offset + at, end: offset + at + n });
        parts.push(sentence);
        offset += sentence.length + 1;
      }
      add(parts.join(' '));
    }
    const text = paragraphs.join('\n\n') + '\n';
    const article = new ArticleText(text);
    const taken = new Set<string>();
    const tags: Tag[] = [];
    for (const { start, end } of spans) {
      const tag = { ...createTag(article, start, end, 'figure', taken), id: rng.hex8() };
      taken.add(tag.id);
      tags.push(tag);
    }
    // The rest of the tags: spans of the filler, none of them figures.
    for (const t of makeTags(rng, text, tagsEach - tags.length)) tags.push(t.category === 'figure' ? { ...t, category: 'framing' } : t);
    out.push({ article: `article-${i}.txt`, outlet: `Outlet ${i % 40}`, text, tags });
  }
  return out;
}
