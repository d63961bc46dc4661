// Where an ingested page goes: `<outlet>-<date>-<slug>.txt` beside its new sidecar, never over
// anything already there. Through the FileSystemPort, so the editor (workspace.fs) and the command
// line (Node) write the same files the same way.
import * as l10n from '@vscode/l10n';
import { articleHash } from '../articleFile';
import type { ArticleDetails } from '../details';
import { StaleWriteError, type FileSystemPort } from '../fs/port';
import { SidecarFile, sidecarNameFor } from '../sidecar';
import type { PageMeta } from './metadata';

/** Words of the headline kept in the name: enough to tell articles apart in a folder listing. */
const SLUG_WORDS = 8;
/** `-2` … `-99`: past that, something other than a clash is wrong. */
const MAX_SUFFIX = 99;

/** Lowercase ASCII words joined by `-` (accents dropped); the text's own letters when it has no Latin ones. */
export function slugOf(text: string, maxWords = Number.POSITIVE_INFINITY): string {
  const words = (pattern: RegExp, from: string): string[] => from.toLowerCase().split(pattern).filter((w) => w !== '');
  const ascii = words(/[^a-z0-9]+/, text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/['’]/g, ''));
  const chosen = ascii.length > 0 ? ascii : words(/[^\p{L}\p{N}]+/u, text);
  return chosen.slice(0, maxWords).join('-');
}

export const DEFAULT_NAME_PATTERN = '{outlet}-{date}-{slug}';

/**
 * The article's file name from its details by a pattern of `{outlet}`, `{date}` (YYYY-MM-DD),
 * `{slug}` (the headline's first words) and `{page}` (the saved page's name): a part the page does
 * not give is left out with the separator before it; with none of them, the page's own name.
 */
export function articleFileName(meta: PageMeta, pageName: string, suffix = 1, pattern = DEFAULT_NAME_PATTERN): string {
  const page = slugOf(pageName.replace(/\.[^.]*$/, ''));
  const parts: Record<string, string> = {
    outlet: meta.outlet ? slugOf(meta.outlet) : '',
    date: meta.published?.slice(0, 10) ?? '',
    slug: meta.headline ? slugOf(meta.headline, SLUG_WORDS) : '',
    page,
  };
  let stem = '';
  let separator = '';
  for (const piece of pattern.split(/(\{\w+\})/)) {
    const name = /^\{(\w+)\}$/.exec(piece)?.[1];
    if (name === undefined || !(name in parts)) {
      // A bare separator waits for the part after it, and one is enough: "-{date}-" with no date must not give "--".
      if (/^[-_. ]*$/.test(piece)) separator ||= piece;
      else {
        stem += separator + piece;
        separator = '';
      }
    } else if (parts[name] !== '') {
      stem += (stem === '' ? '' : separator) + parts[name];
      separator = '';
    }
  }
  stem = stem.replace(/[\\/:*?"<>|]/g, '-').replace(/^[-_. ]+|[-_. ]+$/g, '');
  return `${stem || page || 'article'}${suffix > 1 ? `-${suffix}` : ''}.txt`;
}

export interface WrittenArticle {
  readonly articlePath: string;
  readonly sidecarPath: string;
}

/**
 * Writes the article and its sidecar (with the page's details) into `folder`, which must exist.
 * A name whose article or sidecar is already there is skipped for the next suffix; the article is
 * created only where nothing is (expect 'absent'), so a file that appears meanwhile is not replaced.
 */
export async function writeIngestedArticle(fs: FileSystemPort, folder: string, article: { text: string; meta: PageMeta }, pageName: string, pattern = DEFAULT_NAME_PATTERN): Promise<WrittenArticle> {
  const base = folder.endsWith('/') ? folder : `${folder}/`;
  const bytes = new TextEncoder().encode(article.text);
  for (let suffix = 1; suffix <= MAX_SUFFIX; suffix++) {
    const name = articleFileName(article.meta, pageName, suffix, pattern);
    const articlePath = `${base}${name}`;
    const sidecarPath = `${base}${sidecarNameFor(name)}`;
    // A sidecar without its article (moved away, about to be restored) still claims the name.
    if ((await fs.stat(articlePath)) !== undefined || (await fs.stat(sidecarPath)) !== undefined) continue;
    try {
      await fs.writeFileAtomic(articlePath, bytes, { expect: 'absent' });
    } catch (error) {
      if (error instanceof StaleWriteError) continue;
      throw error;
    }
    const sha256 = articleHash(article.text);
    const details: ArticleDetails = { ...article.meta };
    const sidecar = SidecarFile.create(name, sha256).serialize([], sha256, name, [], details);
    try {
      await fs.writeFileAtomic(sidecarPath, new TextEncoder().encode(sidecar), { expect: 'absent' });
    } catch (error) {
      // The article was created a moment ago for this sidecar: without it, it is taken back, so a
      // failed page leaves nothing behind (and a sidecar that appeared meanwhile keeps its name).
      const removed = await fs.delete(articlePath).then(() => true, () => false);
      if (!removed) throw new Error(l10n.t('{0} was written but not its sidecar ({1}), and could not be removed again', articlePath, error instanceof Error ? error.message : String(error)));
      if (error instanceof StaleWriteError) continue;
      throw error;
    }
    return { articlePath, sidecarPath };
  }
  throw new Error(l10n.t('{0}: {1} and its {2} numbered names are all taken; nothing was written.', base, articleFileName(article.meta, pageName, 1, pattern), MAX_SUFFIX - 1));
}
