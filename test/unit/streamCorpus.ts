// A generated corpus of a few hundred fictional articles for the streaming tests: several
// folders, same-named articles in two of them, CRLF and astral-plane text, notes with line
// breaks, and the problem files a real corpus has — a sidecar that does not parse, one whose
// article is missing, an article edited since it was tagged (moved, fuzzy and orphaned tags),
// a tag entry the loader cannot read, a figure printed two ways and a quote printed by two outlets.
import { generateArticle } from '../../bench/article';
import { makeTags, editedArticle } from '../../bench/mutate';
import { Rng } from '../../bench/prng';
import { articleHash } from '../../src/core/articleFile';
import { SidecarFile } from '../../src/core/sidecar';
import type { Tag } from '../../src/core/tag';
import { tagOn, write } from './cliCorpus';

const OUTLETS = ['Harbour Gazette', 'Valley Courier', 'Northern Lantern'];
const SHARED_QUOTE = '"We will not raise the ferry fares this year," the harbour master told reporters.';
const FIGURE = ['Officials said 1,200 residents were evacuated on Monday.', 'Officials said 1,500 residents were evacuated on Monday.'];

/** Writes `count` articles (and their sidecars) under `dir`; returns how many sidecars there are. */
export function writeStreamCorpus(dir: string, count: number, seed = 0x51ea): number {
  let sidecars = 0;
  for (let i = 0; i < count; i++) {
    const rng = new Rng(seed + i);
    const folder = `desk-${i % 4}`;
    // Every 50th name repeats in two folders: brat and SemEval must tell them apart.
    const name = i % 50 === 7 ? 'same-name.txt' : `story-${String(i).padStart(4, '0')}.txt`;
    const path = `${folder}/${i % 50 === 7 ? `${i}/` : ''}${name}`;
    const outlet = OUTLETS[i % OUTLETS.length]!;
    let text = `${outlet}\n\n${i % 9 === 0 ? `${SHARED_QUOTE}\n` : ''}${i % 11 === 0 ? `${FIGURE[i % 2]}\n` : ''}${generateArticle(seed + i, 1200 + (i % 5) * 300)}`;
    if (i % 13 === 0) text += '\nA reader wrote 🙂 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 under the story.\n';
    const tags: Tag[] = makeTags(rng, text, 6 + (i % 7));
    if (i % 9 === 0) tags.push(tagOn(text, SHARED_QUOTE.slice(0, SHARED_QUOTE.indexOf(' the harbour')), 'claim', `9${String(i).padStart(7, '0')}`));
    if (i % 11 === 0) tags.push(tagOn(text, FIGURE[i % 2]!.slice(15, 40), 'figure', `f${String(i).padStart(7, '0')}`));
    if (i % 6 === 0 && tags[0]) tags[0] = { ...tags[0], note: 'line one\nline two, with "quotes"', review: 'confirmed', author: 'mk' };
    if (i % 10 === 3 && tags[1]) tags[1] = { ...tags[1], attributes: { confidence: 'high', source: 'wire' }, status: 'fuzzy' as const };
    tags.sort((a, b) => a.start - b.start || a.end - b.end);
    let sidecar = SidecarFile.create(name, articleHash(text)).serialize(tags, articleHash(text), name, [], i % 5 === 0 ? { outlet } : undefined);
    if (i % 37 === 5) sidecar = sidecar.replace(/\n {2}- id: /, '\n  - id: [not, an, id]\n    category: claim\n  - id: '); // an entry the loader leaves out
    // An article edited since it was tagged: check re-attaches (moved, fuzzy, orphaned).
    const onDisk = i % 8 === 1 ? editedArticle(rng, text, tags, 6).text : text;
    write(dir, path, i % 17 === 2 ? onDisk.replace(/\n/g, '\r\n') : onDisk);
    if (i % 61 === 30) write(dir, `${path}.tags.yaml`, 'article: broken.txt\ntags: [unclosed\n');
    else write(dir, `${path}.tags.yaml`, sidecar);
    sidecars++;
  }
  // A sidecar whose article is missing.
  write(dir, 'desk-0/gone.txt.tags.yaml', SidecarFile.create('gone.txt', articleHash('gone')).serialize([], articleHash('gone')));
  return sidecars + 1;
}
