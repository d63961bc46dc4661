// Label Studio tasks (JSON): one task per article with its tags as an annotation's results.
// Label Studio's `value.start`/`value.end` for text are JavaScript string offsets — UTF-16 code
// units (an emoji counts two; see HumanSignal/label-studio#1347) — so code points are converted
// on the way out and back. The project's labelling config these tasks fit:
//   <View>
//     <Labels name="label" toName="text"><Label value="claim"/><Label value="denial"/>
//       <Label value="figure"/><Label value="framing"/></Labels>
//     <Text name="text" value="$text"/>
//     <TextArea name="note" toName="text" perRegion="true"/>
//   </View>
// A tag's note is a per-region `textarea` result with the same id as its `labels` result.
import * as l10n from '@vscode/l10n';
import { TextIndex } from '../textIndex';
import { filesEnding, findArticle, isRecord, parseJson, placedArticles, toOffset, type PlacedArticle } from './common';
import { exportAll, indentedJson, wholeSpool, type OpenStream } from './stream';
import type { Exporter, ImportedSpan, Importer } from './types';

/** One JSON array of tasks, pretty-printed as JSON.stringify(tasks, null, 2) prints it, a task at a time. */
const openLabelStudio: OpenStream = (_options, spool) => {
  const out = spool();
  const warnings: string[] = [];
  let count = 0;
  return {
    add(one) {
      const { placed, warnings: left } = placedArticles([one]);
      warnings.push(...left);
      for (const task of tasksOf(placed)) out.write(`${count++ === 0 ? '' : ',\n  '}${indentedJson(task, 1)}`);
    },
    finish: () => ({ files: [{ path: 'label-studio.json', pieces: count === 0 ? ['[]\n'] : ['[\n  ', wholeSpool(out), '\n]\n'] }], warnings }),
  };
};

export const labelStudioExporter: Exporter = {
  id: 'label-studio',
  label: 'Label Studio',
  unit: 'UTF-16 code units',
  singleFile: true,
  defaultFileName: 'label-studio.json',
  open: openLabelStudio,
  export: (articles, options) => exportAll(openLabelStudio, articles, options),
};

function tasksOf(placed: readonly PlacedArticle[]): object[] {
  return placed.map(({ article, text, tags }) => {
    const index = new TextIndex(article.text);
    const result = tags.flatMap((tag) => {
      const start = index.toUtf16(tag.start);
      const end = index.toUtf16(tag.end);
      const region = { id: tag.id, from_name: 'label', to_name: 'text', type: 'labels', value: { start, end, text: text.slice(tag.start, tag.end), labels: [labelOf(tag)] } };
      if (tag.note === undefined || tag.note === '') return [region];
      return [region, { id: tag.id, from_name: 'note', to_name: 'text', type: 'textarea', value: { start, end, text: [tag.note] } }];
    });
    return { data: { text: article.text, article: article.name }, annotations: [{ result }] };
  });
}

/** The results of every annotation of a task (predictions when it has no annotations). */
function resultsOf(task: Record<string, unknown>): Record<string, unknown>[] {
  const annotations = Array.isArray(task.annotations) && task.annotations.length > 0 ? task.annotations : task.predictions;
  if (!Array.isArray(annotations)) return [];
  return (annotations as unknown[]).filter(isRecord).flatMap((a) => (Array.isArray(a.result) ? (a.result as unknown[]).filter(isRecord) : []));
}

/** Per-region note text by region id. */
function notesOf(results: readonly Record<string, unknown>[]): Map<string, string> {
  const notes = new Map<string, string>();
  for (const r of results) {
    const value = isRecord(r.value) ? r.value : {};
    const text = Array.isArray(value.text) ? (value.text as unknown[]).filter((t) => typeof t === 'string').join('\n') : undefined;
    if (r.type === 'textarea' && typeof r.id === 'string' && text !== undefined) notes.set(r.id, text);
  }
  return notes;
}

function spansOfTask(task: Record<string, unknown>, where: string, articleText: (name: string) => string | undefined, articleNames: readonly string[] | undefined, problems: string[]): ImportedSpan[] {
  const data = isRecord(task.data) ? task.data : {};
  const dataText = typeof data.text === 'string' ? data.text : undefined;
  const article = findArticle(typeof data.article === 'string' ? data.article : undefined, dataText, articleText, articleNames);
  if (article === undefined) {
    problems.push(l10n.t('{0}: no data.article and no article with this text; not imported', where));
    return [];
  }
  // The offsets count UTF-16 units of the task's text (the article's when the task has none).
  const source = dataText ?? articleText(article);
  const index = source !== undefined ? new TextIndex(source) : undefined;
  const results = resultsOf(task);
  const notes = notesOf(results);
  const spans: ImportedSpan[] = [];
  for (const r of results.filter((x) => x.type === 'labels')) {
    const value = isRecord(r.value) ? r.value : {};
    const start = toOffset(value.start);
    const end = toOffset(value.end);
    const label = Array.isArray(value.labels) ? (value.labels as unknown[]).find((l) => typeof l === 'string') : undefined;
    if (start === undefined || end === undefined || typeof label !== 'string' || index === undefined) {
      problems.push(l10n.t('{0}: a result without start, end and a label, or no text to count in; not imported', where));
      continue;
    }
    const id = typeof r.id === 'string' ? r.id : undefined;
    const note = id !== undefined ? notes.get(id) : undefined;
    const text = source !== undefined && end <= source.length ? source.slice(start, end) : typeof value.text === 'string' ? value.text : undefined;
    spans.push({
      article,
      label,
      start: index.toCodePoint(start),
      end: index.toCodePoint(end),
      ...(text !== undefined ? { text: text.replace(/\r\n/g, '\n') } : {}),
      ...(note !== undefined ? { note } : {}),
      ...(id !== undefined ? { id } : {}),
    });
  }
  return spans;
}

export const labelStudioImporter: Importer = {
  id: 'label-studio',
  label: 'Label Studio',
  read(files, articleText, articleNames) {
    const spans: ImportedSpan[] = [];
    const problems: string[] = [];
    for (const [path, content] of filesEnding(files, ['.json'])) {
      const parsed = parseJson(content, path, problems);
      const tasks = Array.isArray(parsed) ? (parsed as unknown[]) : [parsed];
      tasks.forEach((task, i) => {
        if (isRecord(task)) spans.push(...spansOfTask(task, `${path} task ${i + 1}`, articleText, articleNames, problems));
        else if (parsed !== undefined) problems.push(l10n.t('{0} task {1}: not a task object; not imported', path, i + 1));
      });
    }
    return { spans, problems };
  },
};

/** `framing:Loaded_Language` for a tag with a sub-label: one label, which import splits again. */
function labelOf(tag: { readonly category: string; readonly label?: string }): string {
  return tag.label !== undefined ? `${tag.category}:${tag.label}` : tag.category;
}
