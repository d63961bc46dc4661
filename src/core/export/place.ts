import * as l10n from '@vscode/l10n';
import { reattach } from '../anchor/reattach';
import { CATEGORY_IDS, isCategoryId, type CategoryId } from '../codebook';
import type { Codebook } from '../codebook/index';
import { ArticleText, newTagId, sortTags, type Tag } from '../tag';
import type { ImportedSpan } from './types';

export interface PlacementReport {
  /** New tags per article name. */
  readonly tags: Map<string, Tag[]>;
  /** What could not be placed, or was not imported, one line each. */
  readonly problems: string[];
  readonly counts: { exact: number; reattached: number; fuzzy: number; skipped: number };
}

export interface ImportContext {
  /** The LF text of an article by file name, or undefined when it is not in the corpus. */
  articleText(name: string): string | undefined;
  /** The tags the article already has (to keep ids unique and skip duplicates). */
  existingTags(name: string): readonly Tag[];
  /** Labels of the other tool mapped onto Newsmark's categories (`--map old=new`). */
  readonly labelMap: ReadonlyMap<string, CategoryId>;
  /** The project's codebook: a label it lists as a sub-label brings its category along. */
  readonly codebook?: Codebook;
  readonly author?: string;
}

/**
 * Turns spans read from another tool into tags, checking each against the article: a span whose
 * text is not at its offsets is found again by the anchoring pipeline or reported — never
 * written at the wrong place. Spans already tagged with the same category are skipped.
 */
export function placeImported(spans: readonly ImportedSpan[], context: ImportContext): PlacementReport {
  const tags = new Map<string, Tag[]>();
  const problems: string[] = [];
  const counts = { exact: 0, reattached: 0, fuzzy: 0, skipped: 0 };
  const articles = new Map<string, ArticleText>();
  // Per article, the ids and the (start, end, category) places taken so far, existing and new:
  // looked up per span in constant time (rebuilding them per span was quadratic in the spans).
  const known = new Map<string, { ids: Set<string>; places: Set<string> }>();
  const knownOf = (name: string): { ids: Set<string>; places: Set<string> } => {
    let k = known.get(name);
    if (!k) {
      const existing = context.existingTags(name);
      known.set(name, (k = { ids: new Set(existing.map((t) => t.id)), places: new Set(existing.map(placeKey)) }));
    }
    return k;
  };

  for (const span of spans) {
    const where = `${span.article} ${span.start}–${span.end}${span.text !== undefined ? ` ${JSON.stringify(shorten(span.text))}` : ''}`;
    const resolved = resolveLabel(span.label, context.labelMap, context.codebook);
    if ('problem' in resolved) {
      problems.push(`${where}: ${resolved.problem}`);
      counts.skipped++;
      continue;
    }
    const { category } = resolved;
    const subLabel = span.subLabel ?? resolved.subLabel;
    const lf = context.articleText(span.article);
    if (lf === undefined) {
      problems.push(l10n.t('{0}: no article named {1} in the corpus', where, span.article));
      counts.skipped++;
      continue;
    }
    let article = articles.get(span.article);
    if (!article) articles.set(span.article, (article = new ArticleText(lf)));
    const fits = span.start >= 0 && span.end > span.start && span.end <= article.length;
    const expected = span.text ?? (fits ? article.slice(span.start, span.end) : undefined);
    if (expected === undefined || expected.trim() === '') {
      problems.push(l10n.t('{0}: offsets outside the article and no text to look for', where));
      counts.skipped++;
      continue;
    }
    const taken = knownOf(span.article);
    const draft: Tag = {
      id: span.id !== undefined && /^[0-9a-f]{8}$/.test(span.id) && !taken.ids.has(span.id) ? span.id : newTagId(taken.ids),
      category,
      ...(subLabel !== undefined ? { label: subLabel } : {}),
      start: fits ? span.start : Math.min(span.start, article.length),
      end: fits ? span.end : Math.min(span.end, article.length),
      text: expected,
      prefix: '',
      suffix: '',
      ...(span.note !== undefined ? { note: span.note } : {}),
      ...(span.attributes !== undefined ? { attributes: span.attributes } : {}),
      ...(context.author !== undefined ? { author: context.author } : {}),
    };
    let placed: Tag;
    if (fits && article.slice(span.start, span.end) === expected) {
      placed = { ...draft, ...article.contextOf(span.start, span.end) };
      counts.exact++;
    } else {
      const [result] = reattach(lf, undefined, [draft]).placements;
      if (!result || result.status === 'orphaned') {
        problems.push(l10n.t('{0}: this text is not at these offsets and could not be found in the article; not imported', where));
        counts.skipped++;
        continue;
      }
      placed = result.tag;
      if (result.status === 'fuzzy') counts.fuzzy++;
      else counts.reattached++;
    }
    if (taken.places.has(placeKey(placed))) {
      counts.skipped++; // already there: importing twice changes nothing
      continue;
    }
    taken.ids.add(placed.id);
    taken.places.add(placeKey(placed));
    const list = tags.get(span.article);
    if (list) list.push(placed);
    else tags.set(span.article, [placed]);
  }
  for (const [name, list] of tags) tags.set(name, sortTags(list));
  return { tags, problems, counts };
}

/**
 * Another tool's label → a category and maybe a sub-label: `--map` first, then a category's own
 * id, then `category:label` (as Label Studio and doccano exports write them), then the codebook
 * (`Loaded_Language` is a framing sub-label in the SemEval presets).
 */
export function resolveLabel(label: string, labelMap: ReadonlyMap<string, CategoryId>, codebook?: Codebook): { category: CategoryId; subLabel?: string } | { problem: string } {
  const listedUnder = (category: CategoryId, id: string): boolean => codebook?.categories[category].labels.some((l) => l.id === id) ?? false;
  const mapped = labelMap.get(label);
  if (mapped) return listedUnder(mapped, label) ? { category: mapped, subLabel: label } : { category: mapped };
  if (isCategoryId(label)) return { category: label };
  const colon = label.indexOf(':');
  const head = colon > 0 ? label.slice(0, colon) : '';
  if (isCategoryId(head) && colon < label.length - 1) return { category: head, subLabel: label.slice(colon + 1) };
  const owners = codebook ? CATEGORY_IDS.filter((c) => listedUnder(c, label)) : [];
  if (owners.length === 1) return { category: owners[0]!, subLabel: label };
  if (owners.length > 1) return { problem: l10n.t('"{0}" is a sub-label of {1} in the codebook; say which with --map {0}={2}', label, (owners as string[]).reduce((x, y) => l10n.t('{0} and {1}', x, y)), owners[0]!) };
  return { problem: l10n.t('unknown category "{0}" (map it with --map {0}=claim|denial|figure|framing, or list it as a sub-label in newsmark.codebook.yaml)', label) };
}

/** `old=new` pairs of `--map` into a label map, with a message for each bad pair. */
export function parseLabelMap(pairs: readonly string[]): { map: Map<string, CategoryId>; problems: string[] } {
  const map = new Map<string, CategoryId>();
  const problems: string[] = [];
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    const from = pair.slice(0, at);
    const to = pair.slice(at + 1);
    if (at <= 0 || !isCategoryId(to)) problems.push(l10n.t('--map {0}: give OLD=NEW with NEW one of claim, denial, figure, framing', pair));
    else map.set(from, to);
  }
  return { map, problems };
}

function placeKey(tag: Tag): string {
  // Two techniques on one span are two tags (the Propaganda Techniques Corpus has many).
  return `${tag.start}:${tag.end}:${tag.category}:${tag.label ?? ''}`;
}

function shorten(text: string): string {
  const chars = Array.from(text);
  return chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : text;
}
