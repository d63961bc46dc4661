import * as vscode from 'vscode';
import type { TagStore } from '../../core/tagStore';
import { NOTE_SCHEME } from '../shared/articles';
import { Disposable } from '../shared/disposable';

/** How long after a note tab closes its note is forgotten, if no editor has it open by then. */
const FORGET_AFTER_CLOSE_MS = 1000;

/**
 * A tag's note as a document of its own (`newsmark-note:`), so a note of several lines is written
 * in a real editor tab: undo, multi-cursor, word wrap, the dirty dot, and Ctrl+S, which puts the
 * text into the tag through the store (and so into the sidecar). The tab's name says whose note
 * it is; the query says which tag.
 */
export class NoteDocuments extends Disposable implements vscode.FileSystemProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.FileChangeEvent[]>());
  readonly onDidChangeFile = this.changed.event;
  /** What each open note last read or wrote, and when: a changed note gets a later mtime, so VS Code reloads it. */
  private readonly seen = new Map<string, { note: string; mtime: number }>();
  /** Notes closed, to be forgotten unless opened again in the meantime. */
  private readonly forgetting = new Set<ReturnType<typeof setTimeout>>();
  /** The note being saved: its own store change needs no announcement. */
  private writing: string | undefined;

  constructor(private readonly store: TagStore) {
    super();
    this.registerAll(
      vscode.workspace.registerFileSystemProvider(NOTE_SCHEME, this, { isCaseSensitive: true }),
      // The note changed elsewhere (the hover, a merge, an undo): an open, unmodified note tab follows.
      store.onDidChange((change) => {
        if (this.writing !== undefined) return;
        const events = [...this.seen.keys()].map((u) => vscode.Uri.parse(u)).filter((u) => refOf(u)?.key === change.key && this.current(u) !== this.seen.get(u.toString())?.note);
        if (events.length > 0) this.changed.fire(events.map((uri) => ({ type: vscode.FileChangeType.Changed, uri })));
      }),
      // Forgotten only once no editor has the note open again: closing a note tab and opening it
      // again can announce the old document's close after the new one was read, and forgetting it
      // then left the reopened tab deaf to changes made elsewhere (seen in the web worker host).
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme !== NOTE_SCHEME) return;
        const uri = document.uri.toString();
        const timer = setTimeout(() => {
          this.forgetting.delete(timer);
          if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri)) this.seen.delete(uri);
        }, FORGET_AFTER_CLOSE_MS);
        this.forgetting.add(timer);
      }),
      { dispose: () => this.forgetting.forEach(clearTimeout) },
    );
  }

  /** The note document's address for a tag: its name reads "Note on “2,417 people”". */
  static uriFor(key: string, id: string, tagText: string): vscode.Uri {
    const text = tagText.replace(/\s+/g, ' ').replace(/[/\\]/g, '∕').trim();
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    return vscode.Uri.from({ scheme: NOTE_SCHEME, path: `/${vscode.l10n.t('Note on “{0}”', shown)}`, query: new URLSearchParams({ key, id }).toString() });
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const note = this.current(uri);
    if (note === undefined) throw vscode.FileSystemError.FileNotFound(uri);
    const seen = this.seen.get(uri.toString());
    const mtime = seen?.note === note ? seen.mtime : Math.max(Date.now(), (seen?.mtime ?? 0) + 1);
    this.seen.set(uri.toString(), { note, mtime });
    return { type: vscode.FileType.File, ctime: 0, mtime, size: new TextEncoder().encode(note).byteLength };
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const note = this.current(uri);
    if (note === undefined) throw vscode.FileSystemError.FileNotFound(uri);
    return new TextEncoder().encode(note);
  }

  /**
   * Saving puts the text into the tag as it is, line ends as the sidecar keeps them (LF), so it
   * reads back exactly; an empty note removes it. A tag that is gone refuses the save, and the
   * text stays in the editor to be copied elsewhere.
   */
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    const ref = refOf(uri);
    if (!ref || !this.store.find(ref.key, ref.id)) {
      throw vscode.FileSystemError.FileNotFound(vscode.l10n.t('The tag this note belongs to is gone (removed, or its sidecar changed); copy the text before closing.'));
    }
    const text = new TextDecoder().decode(content).replace(/\r\n?/g, '\n');
    this.writing = uri.toString();
    try {
      this.store.update(ref.key, ref.id, { note: text.trim() === '' ? undefined : text });
    } finally {
      this.writing = undefined;
    }
    this.seen.set(uri.toString(), { note: text.trim() === '' ? '' : text, mtime: Math.max(Date.now(), (this.seen.get(uri.toString())?.mtime ?? 0) + 1) });
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined); // changes are announced for every open note anyway
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  /** The tag's note now ('' for none), or undefined when the tag is not there. */
  private current(uri: vscode.Uri): string | undefined {
    const ref = refOf(uri);
    const tag = ref && this.store.find(ref.key, ref.id);
    return tag ? tag.note ?? '' : undefined;
  }
}

function refOf(uri: vscode.Uri): { key: string; id: string } | undefined {
  const query = new URLSearchParams(uri.query);
  const key = query.get('key');
  const id = query.get('id');
  return key && id ? { key, id } : undefined;
}
