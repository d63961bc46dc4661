// SemEval-2023 Task 3 (genre, framing and persuasion techniques) layout. Articles are
// `article<ID>.txt`; the label files are tab-separated, one line per record:
//   subtask 3, spans:       ID \t technique \t start \t end     (Python indices: code points)
//   subtask 3, paragraphs:  ID \t line \t technique,technique   (1-based line of the article)
//   subtask 2, frames:      ID \t frame,frame
//   subtask 1, genre:       ID \t opinion|reporting|satire
// A file is told apart by its name (…subtask-3…spans…, …subtask-3…, …subtask-2…, …subtask-1…)
// and, failing that, by its lines' shape. Spans become framing tags with the technique as their
// sub-label; frames and genre become the article codes `frames` and `genre` (the SemEval-2023
// codebook preset lists them); the paragraph file names no span, so it is read only to say so.
import { SEMEVAL_2023_FRAMES } from '../codebook/index';
import { fileName, textLines, toOffset } from './common';
import type { ImportedCodes, ImportedSpan, Importer, ImportResult } from './types';

type Kind = 'spans' | 'paragraphs' | 'frames' | 'genre';
const GENRES = ['opinion', 'reporting', 'satire'];

function kindOf(path: string, content: string): Kind | undefined {
  const name = fileName(path).toLowerCase();
  if (name.endsWith('.txt') && name.startsWith('article') && !name.includes('label')) return undefined; // an article
  if (name.includes('subtask-3') || name.includes('subtask3')) return name.includes('span') ? 'spans' : 'paragraphs';
  if (name.includes('subtask-2') || name.includes('subtask2')) return 'frames';
  if (name.includes('subtask-1') || name.includes('subtask1')) return 'genre';
  const first = textLines(content).find((l) => l.trim() !== '');
  if (!first) return undefined;
  const cells = first.split('\t');
  if (cells.length === 4 && toOffset(cells[2]?.trim()) !== undefined) return 'spans';
  if (cells.length === 3 && /^\d+$/.test(cells[1]!.trim())) return 'paragraphs';
  if (cells.length === 2 && GENRES.includes(cells[1]!.trim())) return 'genre';
  if (cells.length === 2 && cells[1]!.split(',').every((f) => SEMEVAL_2023_FRAMES.includes(f.trim()))) return 'frames';
  return undefined;
}

export const semeval2023Importer: Importer = {
  id: 'semeval2023',
  label: 'SemEval-2023 Task 3',
  read(files): ImportResult {
    const spans: ImportedSpan[] = [];
    const codes: ImportedCodes[] = [];
    const problems: string[] = [];
    const notes: string[] = [];
    let labelFiles = 0;
    for (const [path, content] of files) {
      const kind = kindOf(path, content);
      if (kind === undefined) continue;
      labelFiles++;
      let paragraphs = 0;
      textLines(content).forEach((line, i) => {
        if (line.trim() === '') return;
        const where = `${fileName(path)}:${i + 1}`;
        const cells = line.split('\t').map((c) => c.trim());
        const article = `article${cells[0]}.txt`;
        if (kind === 'spans') {
          const [, technique = '', startText, endText] = cells;
          const start = toOffset(startText);
          const end = toOffset(endText);
          if (cells.length !== 4 || technique === '' || start === undefined || end === undefined) problems.push(`${where}: expected ID<tab>technique<tab>start<tab>end; not imported`);
          else spans.push({ article, label: technique, start, end });
        } else if (kind === 'paragraphs') {
          if (cells.length !== 3 && cells.length !== 2) problems.push(`${where}: expected ID<tab>line<tab>techniques; not read`);
          else if ((cells[2] ?? '') !== '') paragraphs++;
        } else {
          const values = (cells[1] ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');
          if (cells.length !== 2) problems.push(`${where}: expected ID<tab>${kind === 'frames' ? 'frame,frame' : 'genre'}; not imported`);
          else codes.push({ article, code: kind === 'frames' ? 'frames' : 'genre', values });
        }
      });
      if (paragraphs > 0) notes.push(`${fileName(path)}: ${paragraphs} paragraph-level records name techniques but no span; the span file carries them as tags.`);
    }
    if (labelFiles === 0) problems.push('no SemEval-2023 label file among the files given (…subtask-3-spans…, …subtask-2…, …subtask-1…)');
    return { spans, problems, codes, notes };
  },
};
