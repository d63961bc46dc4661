/**
 * The articles `newsmark import` may write into: every article under --articles, read once with
 * its sidecar, and which of them each imported record means (core/export/articleMatch.ts). Keyed
 * by path relative to the --articles folder ('/'-separated), so two articles of one name are two
 * articles here, never one.
 */
import * as l10n from '@vscode/l10n';
import { readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { decodeArticle } from '../core/articleFile';
import { reattach } from '../core/anchor/reattach';
import { ArticleMatcher, placeableSpans, type ArticleMatch } from '../core/export/articleMatch';
import { basenamePath } from '../core/fs/paths';
import { fromNativePath } from '../core/fs/nodeFileSystem';
import type { ImportedSpan } from '../core/export/types';
import { isSidecarName } from '../core/sidecar';
import { sidecarFromBytes, type FileRead } from '../core/sidecarUpdate';
import type { Tag } from '../core/tag';
import { toLf } from '../core/textIndex';
import { readRegularFile } from './inputFile';
import { UsageError } from './corpusFiles';

export class CorpusArticles {
  private readonly matcher: ArticleMatcher;
  /** Absolute '/'-separated path → path relative to the root. */
  private readonly byAbsolute = new Map<string, string>();

  private constructor(
    readonly root: string,
    /** File name → the paths of the articles of that name. */
    private readonly byName: ReadonlyMap<string, readonly string[]>,
    /** Path → the article's LF text. */
    private readonly texts: ReadonlyMap<string, string>,
    /** Path → why the article could not be read. */
    private readonly unreadable: ReadonlyMap<string, string>,
    /** Path → its tags, found again in today's text. */
    private readonly existing: ReadonlyMap<string, readonly Tag[]>,
    /** Path → why its sidecar cannot be read: nothing is imported into it. */
    readonly refused: ReadonlyMap<string, string>,
    /** The paths the imported files record (see ArticleMatcher). */
    recordedPaths: readonly string[],
  ) {
    const absolute = new Map<string, string[]>();
    const top = fromNativePath(resolve(root));
    for (const [name, paths] of byName) {
      absolute.set(name, paths.map((p) => {
        const full = `${top.endsWith('/') ? top : `${top}/`}${p}`;
        this.byAbsolute.set(full, p);
        return full;
      }));
    }
    this.matcher = new ArticleMatcher(recordedPaths, (name) => absolute.get(name) ?? []);
  }

  static async read(root: string, recordedPaths: readonly string[]): Promise<CorpusArticles> {
    const byName = new Map<string, string[]>();
    const entries = await readdir(root, { withFileTypes: true, recursive: true }).catch(() => {
      throw new UsageError(l10n.t('{0}: no such folder (give the articles\' folder with --articles).', root));
    });
    for (const e of entries) {
      if (!e.isFile() || isSidecarName(e.name) || e.name.startsWith('.') || e.parentPath.includes('node_modules')) continue;
      byName.set(e.name, [...(byName.get(e.name) ?? []), relative(root, join(e.parentPath, e.name)).split(sep).join('/')].sort());
    }
    const texts = new Map<string, string>();
    const unreadable = new Map<string, string>();
    const existing = new Map<string, readonly Tag[]>();
    const refused = new Map<string, string>();
    for (const paths of byName.values()) {
      for (const path of paths) {
        const file = join(root, path);
        const read = await readRegularFile(file);
        const decoded = read.ok ? decodeArticle(read.bytes, file) : undefined;
        if (!decoded?.ok) {
          // Said when a record names it: an article the import does not touch may be anything.
          unreadable.set(path, decoded ? decoded.reason : `${file}: ${read.ok ? '' : read.reason}`);
          continue;
        }
        const lf = toLf(decoded.text);
        texts.set(path, lf);
        const sidecarPath = `${file}.tags.yaml`;
        const sidecar = sidecarFromBytes(sidecarPath, await readInput(sidecarPath));
        if (sidecar.kind === 'refused') refused.set(path, sidecar.problem);
        // Found again in today's text first, so duplicates are recognised where the tags are now.
        else if (sidecar.kind === 'ok') existing.set(path, reattach(lf, sidecar.sidecar.sha256, sidecar.sidecar.tags).tags);
      }
    }
    return new CorpusArticles(root, byName, texts, unreadable, existing, refused, recordedPaths);
  }

  /** The article a record's reference (a name or a recorded path) means, if it is one readable article. */
  pathOf(reference: string): string | undefined {
    const match = this.match(reference);
    return match.kind === 'one' && this.texts.has(match.path) ? match.path : undefined;
  }

  /** The LF text of the article a reference means (what importers ask for). */
  text(reference: string): string | undefined {
    const path = this.pathOf(reference);
    return path === undefined ? undefined : this.texts.get(path);
  }

  /** The LF text of the article at a path relative to the root. */
  textAt(path: string): string | undefined {
    return this.texts.get(path);
  }

  existingTags(path: string): readonly Tag[] {
    return this.existing.get(path) ?? [];
  }

  /**
   * A reference to every readable article, for records matched by their text: its name, or
   * where the name repeats, its absolute path (an article's own path always matches it).
   */
  references(): string[] {
    const references: string[] = [];
    for (const [absolute, path] of this.byAbsolute) {
      const name = basenamePath(path);
      if (this.texts.has(path)) references.push(this.byName.get(name)!.length === 1 ? name : absolute);
    }
    return references;
  }

  /**
   * The spans with their article as its path; a span of a reference that is no one readable
   * article is left out, and each such reference is one problem line (a reference to no article
   * of that name goes on as it is, for placeImported to report).
   */
  placeable(spans: readonly ImportedSpan[], problems: string[]): { spans: ImportedSpan[]; left: number } {
    const { kept, left } = placeableSpans(spans, this.matcher, (absolute) => {
      const path = this.byAbsolute.get(absolute);
      return path !== undefined && this.texts.has(path) ? path : undefined;
    });
    for (const [reference, count] of left) problems.push(this.spansLeftOut(reference, count));
    return { spans: kept, left: [...left.values()].reduce((a, b) => a + b, 0) };
  }

  /** Why a reference's codes were not imported (undefined when it is one readable article). */
  codesProblem(reference: string, code: string): string | undefined {
    if (this.pathOf(reference) !== undefined) return undefined;
    const match = this.match(reference);
    switch (match.kind) {
      case 'none': return l10n.t('{0}: no article with this name in the corpus; its {1} not imported', reference, code);
      case 'several': return l10n.t('{0}: {1} articles have this name under {2} ({3}); its {4} not imported — give --articles the one folder that holds the right {0}', reference, match.candidates.length, this.root, this.files(match.candidates), code);
      case 'elsewhere': return l10n.t('{0}: no article at this path under {1} (only {2}); its {3} not imported', reference, this.root, this.files(match.candidates), code);
      case 'one': return l10n.t('{0} Its {1} not imported.', this.unreadable.get(match.path) ?? match.path, code);
    }
  }

  private spansLeftOut(reference: string, count: number): string {
    const match = this.match(reference);
    switch (match.kind) {
      case 'several':
        return count === 1
          ? l10n.t('{0}: {1} articles have this name under {2} ({3}); 1 span was not imported — give --articles the one folder that holds the right {0}', reference, match.candidates.length, this.root, this.files(match.candidates))
          : l10n.t('{0}: {1} articles have this name under {2} ({3}); {4} spans were not imported — give --articles the one folder that holds the right {0}', reference, match.candidates.length, this.root, this.files(match.candidates), count);
      case 'elsewhere':
        return count === 1
          ? l10n.t('{0}: no article at this path under {1} (only {2}); 1 span was not imported', reference, this.root, this.files(match.candidates))
          : l10n.t('{0}: no article at this path under {1} (only {2}); {3} spans were not imported', reference, this.root, this.files(match.candidates), count);
      default: {
        const why = match.kind === 'one' ? this.unreadable.get(match.path) ?? match.path : reference;
        return count === 1 ? l10n.t('{0} 1 span was not imported.', why) : l10n.t('{0} {1} spans were not imported.', why, count);
      }
    }
  }

  /** The match, with its paths relative to the root. */
  private match(reference: string): ArticleMatch {
    const match = this.matcher.match(reference);
    const relative = (p: string): string => this.byAbsolute.get(p) ?? p;
    switch (match.kind) {
      case 'one': return { kind: 'one', path: relative(match.path) };
      case 'none': return match;
      default: return { kind: match.kind, candidates: match.candidates.map(relative) };
    }
  }

  private files(paths: readonly string[]): string {
    return paths.map((p) => join(this.root, p)).join(', ');
  }
}

/** A corpus file read only if it is a regular file (a FIFO never blocks the run), as the guarded writer's reads say it. */
async function readInput(path: string): Promise<FileRead> {
  const read = await readRegularFile(path);
  return read.ok ? read.bytes : read.missing ? 'missing' : new Error(read.reason.split(';')[0]); // the writer's message says it is left alone
}
