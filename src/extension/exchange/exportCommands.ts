import * as vscode from 'vscode';
import { CATEGORIES, isCategoryId, type CategoryId } from '../../core/codebook';
import { EXPORTERS, IMPORTERS, offsetsPhrase } from '../../core/export/formats';
import { placeImported } from '../../core/export/place';
import { relativeArticlePaths } from '../../core/export/names';
import type { ExportArticle, Exporter } from '../../core/export/types';
import { ExportWriteError, writeExport } from '../../core/exportWriter';
import { isSidecarName } from '../../core/sidecar';
import { basenamePath } from '../../core/fs/paths';
import type { TagStore } from '../../core/tagStore';
import { articleKey, articleUri, articleUriFor, fileName, readArticleText, sidecarUriFor } from '../shared/articles';
import { CommandId } from '../shared/commandIds';
import { newsmarkLog, registerCommand } from '../shared/commands';
import { author } from '../shared/settings';
import type { ArticleCodes } from '../../core/details';
import type { CodebookService } from '../codebook/codebookService';
import type { SidecarStorage } from '../storage/sidecarStorage';
import { VscodeFileSystem } from '../storage/vscodeFileSystem';
import { ALL_TAGS, type TagLens } from '../shared/tagLens';
import { Disposable } from '../shared/disposable';
import { ExportLocation } from './exportLocation';
import { WorkspaceImportArticles } from './importArticles';
import { ContextKeys } from '../shared/contextKeys';

/**
 * "Export Tags…" and "Import Tags…": the formats of other tools, through the one store. An export
 * holds what the views show (while Show Only My Tags is on, the analyst's own tags only).
 */
export class ExportCommands extends Disposable {
  private readonly log = newsmarkLog();
  private readonly location: ExportLocation;

  constructor(private readonly store: TagStore, private readonly storage: SidecarStorage, state: vscode.Memento, private readonly lens: TagLens = ALL_TAGS, private readonly codebook?: CodebookService) {
    super();
    this.location = new ExportLocation(state);
    this.registerAll(
      registerCommand(CommandId.exportTags, (uri?: unknown, uris?: unknown) => this.exportTags(uri, uris)),
      registerCommand(CommandId.importTags, () => this.importTags()),
    );
  }

  private async exportTags(clicked: unknown, selected: unknown): Promise<void> {
    // From the Explorer, what to export is known before anything is asked, and so is having nothing.
    const explorer = (Array.isArray(selected) ? selected : [clicked]).filter((u): u is vscode.Uri => u instanceof vscode.Uri);
    const fromExplorer = explorer.length > 0 ? await this.taggedIn(explorer) : undefined;
    if (fromExplorer?.length === 0) {
      void vscode.window.showInformationMessage(explorer.length === 1
        ? vscode.l10n.t('{0} has no tags to export.', fileName(explorer[0]!))
        : vscode.l10n.t('None of the {0} selected files and folders has tags to export.', explorer.length));
      return;
    }
    const format = await vscode.window.showQuickPick(EXPORTERS.map((e) => ({ label: e.label, description: e.id, detail: formatDetail(e), exporter: e })), { title: vscode.l10n.t('Export Tags: Format') });
    if (!format) return;
    const keys = fromExplorer ?? (await this.pickScope());
    if (!keys || keys.length === 0) return;
    const exporter = format.exporter;
    const target = await this.location.ask(exporter, keys.map(articleUri));
    if (!target) return;
    // Its copies of the articles, written among tagged articles, would be taken for articles
    // there (Suggest Tags, the command line's import --articles), as the command line refuses too.
    const tagged = exporter.singleFile ? undefined : await firstSidecarIn(target);
    if (tagged !== undefined) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Export not written: {0} holds tagged articles ({1}), and a {2} export writes copies of the articles, which would be taken for articles there. Choose a new or empty folder.', fileName(target), tagged, exporter.label));
      return;
    }
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0}', exporter.label), cancellable: true }, async (progress, token) => {
      const articles: ExportArticle[] = [];
      // Paths relative to one another mean something only on one file system (one scheme and authority).
      const first = keys.length > 0 ? articleUri(keys[0]!) : undefined;
      const read = keys.filter((k) => articleUri(k).scheme === first?.scheme && articleUri(k).authority === first.authority);
      const relative = relativeArticlePaths(read.map((k) => articleUri(k).path));
      const paths = new Map(read.map((k, i) => [k, relative[i]!]));
      for (const key of keys) {
        if (token.isCancellationRequested) return;
        progress.report({ message: fileName(articleUri(key)), increment: 100 / keys.length });
        const text = await readArticleText(key);
        const path = paths.get(key);
        if (text !== undefined) articles.push({ name: fileName(articleUri(key)), ...(path !== undefined ? { path } : {}), uri: key, text, tags: this.lens.shown(this.store.tags(key)), ...codesOf(this.store.details(key).codes) });
      }
      await this.write(exporter, articles, target);
    });
  }

  private async write(exporter: Exporter, articles: readonly ExportArticle[], target: vscode.Uri): Promise<void> {
    const codebook = this.codebook?.codebook;
    const result = exporter.export(articles, { includeOrphans: false, bom: false, ...(codebook ? { codebook } : {}) });
    const oneFile = exporter.singleFile && result.files.length === 1;
    // The articles exported and their sidecars are never written over (a folder export of brat
    // into the articles' own folder would replace them); the save dialog has already asked about
    // replacing any other file, so the rest is replaced — by temp file + rename, never through a link.
    const exported = articles.map((a) => articleUri(a.uri));
    const fs = new VscodeFileSystem(target);
    const protect = exported.flatMap((u) => [fs.pathOf(u), fs.pathOf(sidecarUriFor(u))]).filter((p): p is string => p !== undefined);
    try {
      await writeExport(fs, result.files, { kind: oneFile ? 'file' : 'folder', path: target.path }, { force: true, protect });
    } catch (error) {
      if (!(error instanceof ExportWriteError)) throw error;
      void vscode.window.showErrorMessage(vscode.l10n.t('Export not written: {0}', error.message));
      return;
    }
    await this.location.remember(target, exporter, oneFile);
    ContextKeys.didExport.pulse();
    const warned = result.warnings.length > 0 ? ` ${result.warnings.join('; ')}.` : '';
    const offsets = offsetsPhrase(exporter.unit);
    const message = `${exportedMessage(articles.length, exporter.label, offsets)}${warned}`;
    // A folder of files has nothing one "Open" could show: it is revealed instead.
    const [open, reveal] = [vscode.l10n.t('Open'), vscode.l10n.t('Reveal in Explorer')];
    const actions = oneFile ? [open, reveal] : [reveal];
    void vscode.window.showInformationMessage(message, ...actions).then((choice) => {
      if (choice === open) void vscode.commands.executeCommand('vscode.open', target);
      else if (choice === reveal) void revealExport(target);
    });
  }

  /**
   * The articles with tags among what is selected in the Explorer: a file is its article, a
   * sidecar stands for its article, and a folder for every article under it.
   */
  private async taggedIn(selected: readonly vscode.Uri[]): Promise<string[]> {
    const keys = new Set<string>();
    for (const uri of selected) {
      const isFolder = await vscode.workspace.fs.stat(uri).then((stat) => (stat.type & vscode.FileType.Directory) !== 0, () => false);
      if (!isFolder) {
        const article = articleUriFor(uri) ?? uri;
        await this.storage.ensureLoaded(article);
        keys.add(articleKey(article));
        continue;
      }
      const folder = uri.path.endsWith('/') ? uri.path : `${uri.path}/`;
      for (const key of this.store.keys()) {
        const other = articleUri(key);
        if (other.scheme === uri.scheme && other.authority === uri.authority && other.path.startsWith(folder)) keys.add(key);
      }
    }
    return [...keys].filter((k) => this.lens.shown(this.store.tags(k)).length > 0).sort();
  }

  /** The current article or the whole workspace. */
  private async pickScope(): Promise<string[] | undefined> {
    const active = vscode.window.activeTextEditor && articleKey(vscode.window.activeTextEditor.document.uri);
    const all = this.store.keys().filter((k) => this.lens.shown(this.store.tags(k)).length > 0);
    const picks = [
      ...(active && this.lens.shown(this.store.tags(active)).length > 0 ? [{ label: vscode.l10n.t('Current article'), description: fileName(articleUri(active)), keys: [active] }] : []),
      { label: vscode.l10n.t('Whole workspace'), description: vscode.l10n.t('{0} tagged articles', all.length), keys: all },
    ];
    return (await vscode.window.showQuickPick(picks, { title: vscode.l10n.t('Export Tags: What') }))?.keys;
  }

  private async importTags(): Promise<void> {
    const format = await vscode.window.showQuickPick(IMPORTERS.map((i) => ({ label: i.label, description: i.id, importer: i })), { title: vscode.l10n.t('Import Tags: Format') });
    if (!format) return;
    const chosen = await vscode.window.showOpenDialog({ title: vscode.l10n.t('Import {0}', format.label), canSelectMany: true, canSelectFolders: true, openLabel: vscode.l10n.t('Import') });
    if (!chosen) return;
    const inputs = new Map<string, string>();
    for (const uri of chosen) for (const file of await filesUnder(uri)) inputs.set(file.fsPath, new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
    const articles = await WorkspaceImportArticles.find(format.importer, inputs);
    const read = format.importer.read(inputs, (reference) => articles.text(reference), articles.references());
    const problems = [...read.problems];
    const spans = articles.placeable(read.spans, problems);
    const labelMap = await this.askLabelMap(spans.map((s) => s.label));
    for (const shown of new Set(spans.map((s) => s.article))) {
      const key = articles.keyOf(shown);
      if (key !== undefined) await this.storage.ensureLoaded(articleUri(key));
    }
    const placed = placeImported(spans, {
      articleText: (shown) => articles.textOf(shown),
      existingTags: (shown) => this.store.tags(articles.keyOf(shown) ?? ''),
      labelMap,
      ...(author() !== undefined ? { author: author()! } : {}),
    });
    for (const [shown, tags] of placed.tags) this.store.add(articles.keyOf(shown)!, tags);
    problems.push(...placed.problems);
    const imported = [...placed.tags.values()].reduce((n, t) => n + t.length, 0);
    if (problems.length > 0) {
      this.log.appendLine(`Import ${format.label}: ${problems.length} problems`);
      problems.forEach((p) => this.log.appendLine(`  ${p}`));
    }
    const message = problems.length > 0
      ? vscode.l10n.t('Imported {0} tags into {1} articles; {2} not imported (see the Newsmark output).', imported, placed.tags.size, problems.length)
      : vscode.l10n.t('Imported {0} tags into {1} articles.', imported, placed.tags.size);
    if (problems.length > 0) void vscode.window.showWarningMessage(message, vscode.l10n.t('Show Details')).then((c) => c && this.log.show());
    else void vscode.window.showInformationMessage(message);
  }

  /** Labels that are not Newsmark categories are mapped by the user, or left out. */
  private async askLabelMap(labels: readonly string[]): Promise<Map<string, CategoryId>> {
    const map = new Map<string, CategoryId>();
    for (const label of new Set(labels)) {
      if (isCategoryId(label)) continue;
      const picked = await vscode.window.showQuickPick([...CATEGORIES.map((c): { label: string; id: CategoryId | undefined } => ({ label: c.label, id: c.id })), { label: vscode.l10n.t('Leave these out'), id: undefined }], { title: vscode.l10n.t('Import Tags: "{0}" is which category?', label) });
      if (picked?.id) map.set(label, picked.id);
    }
    return map;
  }
}

/** "Exported 3 articles as CSV (offsets in code points)." */
function exportedMessage(count: number, format: string, offsets: string | undefined): string {
  if (offsets) {
    return count === 1
      ? vscode.l10n.t('Exported 1 article as {0} ({1}).', format, offsets)
      : vscode.l10n.t('Exported {0} articles as {1} ({2}).', count, format, offsets);
  }
  return count === 1 ? vscode.l10n.t('Exported 1 article as {0}.', format) : vscode.l10n.t('Exported {0} articles as {1}.', count, format);
}

/** The pick's line under a format: the unit of its offsets, or what it is for when it has none. */
function formatDetail(exporter: Exporter): string {
  const offsets = offsetsPhrase(exporter.unit);
  return offsets ? offsets[0]!.toUpperCase() + offsets.slice(1) : vscode.l10n.t('For reading: no offsets');
}

/** The export in the Explorer when it is in the workspace, else in the system's file manager. */
async function revealExport(target: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand(vscode.workspace.getWorkspaceFolder(target) ? 'revealInExplorer' : 'revealFileInOS', target);
}

async function filesUnder(uri: vscode.Uri): Promise<vscode.Uri[]> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.type !== vscode.FileType.Directory) return [uri];
  const files: vscode.Uri[] = [];
  for (const [name, type] of await vscode.workspace.fs.readDirectory(uri)) {
    const child = vscode.Uri.joinPath(uri, name);
    if (type === vscode.FileType.Directory) files.push(...(await filesUnder(child)));
    else files.push(child);
  }
  return files;
}

function codesOf(codes: ArticleCodes | undefined): { codes?: ArticleCodes } {
  return codes ? { codes } : {};
}

/** A sidecar under the folder, named from the folder (`desk/copy.txt.tags.yaml`), or undefined: whether it holds tagged articles. */
async function firstSidecarIn(folder: vscode.Uri): Promise<string | undefined> {
  const fs = new VscodeFileSystem(folder);
  const root = folder.path.replace(/\/$/, '');
  const found = await fs.find(root, (path) => isSidecarName(basenamePath(path))).catch(() => []);
  return found[0]?.slice(root.length + 1);
}
