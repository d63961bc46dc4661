import * as l10n from '@vscode/l10n';
import { articleHash, decodeArticle, DEFAULT_MAX_FILE_BYTES } from './articleFile';
import { reattach } from './anchor/reattach';
import { mergeTags } from './merge';
import { sameCodes, type ArticleCodes, type ArticleDetails } from './details';
import { SidecarFile, SidecarWriteError } from './sidecar';
import { StaleWriteError, type FileSystemPort } from './fs/port';
import { readBytes, type FileRead } from './storage/diskRecord';
import { newTagId, type Tag } from './tag';

export type { FileRead } from './storage/diskRecord';

export type SidecarRead =
  | { kind: 'missing' }
  | { kind: 'ok'; sidecar: SidecarFile; text: string }
  | { kind: 'refused'; problem: string };

/**
 * What the bytes of a sidecar say. Anything Newsmark cannot read faithfully — there but unreadable,
 * over the size limit, not UTF-8, NUL bytes, a YAML problem — is refused, never "no tags yet".
 */
export function sidecarFromBytes(path: string, read: FileRead, maxBytes = DEFAULT_MAX_FILE_BYTES): SidecarRead {
  if (read === 'missing') return { kind: 'missing' };
  if (read instanceof Error) return { kind: 'refused', problem: l10n.t('{0}: the file cannot be read ({1}); it is left as it is.', path, read.message) };
  const decoded = decodeArticle(read, path, maxBytes);
  if (!decoded.ok) return { kind: 'refused', problem: decoded.reason }; // it starts with the path
  const parsed = SidecarFile.parse(decoded.text);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    return { kind: 'refused', problem: l10n.t('{0}:{1}:{2}: {3} (the file is left as it is)', path, first?.line ?? 1, first?.column ?? 1, first?.message ?? l10n.t('cannot be read')) };
  }
  return { kind: 'ok', sidecar: parsed.sidecar, text: decoded.text };
}

export interface SidecarUpdate {
  readonly sidecarPath: string;
  /** The article's file name, written as `article:` into a new sidecar. */
  readonly articleName: string;
  /** The article's text now (LF): tags are found again in it and its hash is stamped. */
  readonly articleLf: string;
  /**
   * The tags to write, given the file's tags already found again in the article (and the file,
   * absent when there is none yet); undefined when there is nothing to change. Asked once; a
   * retry merges its answer with the file.
   */
  readonly change: (tags: readonly Tag[], file: SidecarFile | undefined) => Tag[] | undefined;
  /** Whether a missing sidecar is created (suggest --write, import) or that is refused (check --fix). */
  readonly create: boolean;
  /** The article codes to write, given the file's (import of SemEval-2023's frames); absent: codes left as they are. */
  readonly codes?: (current: ArticleCodes | undefined) => ArticleCodes | undefined;
  readonly maxBytes?: number;
}

export type UpdateResult =
  | { ok: true; written: boolean; tags: readonly Tag[] }
  | { ok: false; problem: string };

/** Another writer between our read and our rename: merged and tried again, this many times. */
const ATTEMPTS = 20;

/**
 * The guarded update behind SidecarRepository.update (the command line's writes): reads the
 * sidecar (refusing what it cannot read), finds its tags again in the current article text,
 * applies the change, and writes only if the file still holds what was read. If another writer
 * got there first, their file is read again, three-way merged by tag id (their new tags kept,
 * ours added) and the write retried. `remember` hears what is on disk after each read and write.
 */
export async function updateSidecar(fs: FileSystemPort, update: SidecarUpdate, remember: (read: FileRead) => void = () => undefined): Promise<UpdateResult> {
  const { sidecarPath: path, articleLf } = update;
  let known = await readBytes(fs, path);
  remember(known);
  let state = sidecarFromBytes(path, known, update.maxBytes);
  if (state.kind === 'refused') return { ok: false, problem: state.problem };
  if (state.kind === 'missing' && !update.create) return { ok: false, problem: l10n.t('{0}: no such sidecar.', path) };
  let base = placed(state, articleLf);
  let file = state.kind === 'ok' ? state.sidecar : undefined;
  const changed = update.change(base, file);
  const codesChange = (f: SidecarFile | undefined): ArticleDetails | undefined => {
    if (!update.codes) return undefined;
    const wanted = update.codes(f?.details.codes);
    if (sameCodes(wanted, f?.details.codes)) return undefined;
    const { codes: _old, ...rest } = f?.details ?? {};
    return wanted && Object.keys(wanted).length > 0 ? { ...rest, codes: wanted } : rest;
  };
  if (changed === undefined && codesChange(file) === undefined) return { ok: true, written: false, tags: base };
  let mine = changed ?? base;
  const sha256 = articleHash(articleLf);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let text: string;
    try {
      const details = codesChange(file);
      text = (file ?? SidecarFile.create(update.articleName, '')).serialize(mine, sha256, undefined, undefined, details);
    } catch (error) {
      if (error instanceof SidecarWriteError) return { ok: false, problem: l10n.t('{0}: not changed — {1}', path, error.message) };
      throw error;
    }
    if (state.kind === 'ok' && text === state.text) return { ok: true, written: false, tags: mine };
    if (known instanceof Error) return { ok: false, problem: l10n.t('{0}: the file cannot be read ({1}); it is left as it is.', path, known.message) };
    // As the editor's writer does: what cannot be read back is never written (a writer bug must not cost the file).
    const reread = SidecarFile.parse(text);
    if (!reread.ok) return { ok: false, problem: l10n.t('{0}: not changed — Newsmark produced text it cannot read back ({1}); please report this.', path, reread.problems[0]?.message ?? l10n.t('unreadable')) };
    const bytes = new TextEncoder().encode(text);
    try {
      await fs.writeFileAtomic(path, bytes, { expect: known === 'missing' ? 'absent' : { bytes: known } });
      remember(bytes);
      return { ok: true, written: true, tags: mine };
    } catch (error) {
      // A read-only folder, a full disk: the atomic write left the old file as it was.
      if (!(error instanceof StaleWriteError)) return { ok: false, problem: l10n.t('{0}: could not be written ({1}); the file is left as it was.', path, error instanceof Error ? error.message : String(error)) };
    }
    // Someone else wrote it since we read it: merge theirs with ours and try again.
    known = await readBytes(fs, path);
    remember(known);
    state = sidecarFromBytes(path, known, update.maxBytes);
    if (state.kind === 'refused') return { ok: false, problem: l10n.t('{0} (it changed while Newsmark was writing it; nothing was written)', state.problem) };
    if (state.kind === 'missing') {
      file = undefined; // deleted meanwhile: ours are written anew
      continue;
    }
    const theirs = placed(state, articleLf);
    mine = mergeTags(base, distinctIds(mine, base, theirs), theirs).tags;
    base = theirs;
    file = state.sidecar;
  }
  return { ok: false, problem: l10n.t('{0}: kept changing while Newsmark was writing it; not changed — run the command again.', path) };
}

function placed(state: SidecarRead, articleLf: string): Tag[] {
  if (state.kind !== 'ok') return [];
  return reattach(articleLf, state.sidecar.sha256, state.sidecar.tags).tags;
}

/** Tags we added under an id the other writer also just used get a new one (else the merge takes them for one tag). */
function distinctIds(mine: readonly Tag[], base: readonly Tag[], theirs: readonly Tag[]): Tag[] {
  const old = new Set(base.map((t) => t.id));
  const theirNew = new Set(theirs.filter((t) => !old.has(t.id)).map((t) => t.id));
  const taken = new Set([...mine, ...theirs].map((t) => t.id));
  return mine.map((t) => {
    if (old.has(t.id) || !theirNew.has(t.id)) return t;
    const id = newTagId(taken);
    taken.add(id);
    return { ...t, id };
  });
}
