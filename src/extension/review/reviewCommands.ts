import * as vscode from 'vscode';
import { EMPTY_CODEBOOK, type Codebook } from '../../core/codebook/index';
import { categoryOf, type CategoryId } from '../../core/codebook';
import { isOrphan, needsReview } from '../../core/review/filter';
import { compareTags, type ReviewVerdict, type Tag } from '../../core/tag';
import type { TagStore } from '../../core/tagStore';
import { articleKey } from '../shared/articles';
import { CommandId } from '../shared/commandIds';
import { registerCommand } from '../shared/commands';
import { Disposable } from '../shared/disposable';
import { DocumentOffsets } from '../shared/positions';
import { author } from '../shared/settings';
import { ALL_TAGS, type TagLens } from '../shared/tagLens';
import { byArticle, resolveTargets } from '../shared/tagTargets';

/** Attributes worth asking for, per category; any others in the sidecar are kept as they are. */
const ATTRIBUTE_FIELDS: Record<CategoryId, readonly { key: string; prompt: string; numeric?: boolean }[]> = {
  figure: [
    { key: 'value', prompt: 'Value: the number as reported (e.g. 2417)', numeric: true },
    { key: 'unit', prompt: 'Unit (e.g. people, crowns, %)' },
    { key: 'counts', prompt: 'What is counted (e.g. evacuees, wounded)' },
  ],
  claim: [{ key: 'speaker', prompt: 'Speaker: who makes the claim' }],
  denial: [{ key: 'speaker', prompt: 'Speaker: who denies' }],
  framing: [{ key: 'target', prompt: 'Target: who or what the wording frames' }],
};

/** The built-in fields of a category, then the codebook's attributes (one of the same name takes the built-in one's place). */
function fieldsOf(category: CategoryId, codebook: Codebook): { key: string; prompt: string; numeric?: boolean; values?: readonly string[] }[] {
  const extra = codebook.categories[category].attributes;
  const builtIn = ATTRIBUTE_FIELDS[category].map((f) => {
    const spec = extra.find((a) => a.name === f.key);
    return spec ? { ...f, ...(spec.definition ? { prompt: spec.definition } : {}), ...(spec.values ? { values: spec.values } : {}) } : f;
  });
  const added = extra.filter((a) => !ATTRIBUTE_FIELDS[category].some((f) => f.key === a.name)).map((a) => ({ key: a.name, prompt: a.definition ?? a.name, ...(a.values ? { values: a.values } : {}) }));
  return [...builtIn, ...added];
}

/** Reviewing: verdicts, attributes, and walking through an article's tags. */
export class ReviewCommands extends Disposable {
  private statusMessage: vscode.Disposable = new vscode.Disposable(() => undefined);

  constructor(private readonly store: TagStore, private readonly lens: TagLens = ALL_TAGS, private readonly codebook: () => Codebook = () => EMPTY_CODEBOOK) {
    super();
    const command = (id: CommandId, run: (...args: unknown[]) => unknown): void => void this.register(registerCommand(id, run));
    this.register({ dispose: (): void => void this.statusMessage.dispose() });
    command(CommandId.markConfirmed, (a, b) => this.mark(a, b, 'confirmed'));
    command(CommandId.markDisputed, (a, b) => this.mark(a, b, 'disputed'));
    command(CommandId.markUnreviewed, (a, b) => this.mark(a, b, undefined));
    command(CommandId.editAttributes, (a, b) => this.editAttributes(a, b));
    command(CommandId.nextTag, () => this.step(1, () => true));
    command(CommandId.previousTag, () => this.step(-1, () => true));
    command(CommandId.nextTagNeedingReview, () => this.step(1, awaitsReview));
    command(CommandId.previousTagNeedingReview, () => this.step(-1, awaitsReview));
  }

  /**
   * A verdict also settles a fuzzy re-attachment: the reviewer has looked at the text. The answer
   * is a status bar message for a moment, not a notification: reviewing goes tag after tag, and
   * toasts would pile up. Returns the message (undefined when nothing was marked).
   */
  private async mark(first: unknown, selected: unknown, verdict: ReviewVerdict | undefined): Promise<string | undefined> {
    const refs = await resolveTargets(this.store, first, selected, 'Mark which tag?', this.lens);
    const patch = verdict
      ? { review: verdict, reviewer: author(), status: undefined, previousText: undefined }
      : { review: undefined, reviewer: undefined };
    for (const [key, ids] of byArticle(refs)) this.store.updateMany(key, ids, patch);
    if (refs.length === 0) return undefined;
    const message = markedMessage(refs.length === 1 ? this.store.find(refs[0]!.key, refs[0]!.id) : undefined, refs.length, verdict);
    this.statusMessage.dispose(); // the newest verdict replaces the last one's message at once
    this.statusMessage = vscode.window.setStatusBarMessage(message, STATUS_MESSAGE_MS);
    return message;
  }

  /** Asks for the attributes that matter for the tag's category; an object as second argument sets them directly. */
  private async editAttributes(first: unknown, given: unknown): Promise<void> {
    const [ref] = await resolveTargets(this.store, first, undefined, 'Edit the attributes of which tag?', this.lens);
    const tag = ref && this.store.find(ref.key, ref.id);
    if (!ref || !tag) return;
    const attributes: Record<string, unknown> = { ...(tag.attributes ?? {}) };
    if (typeof given === 'object' && given !== null && !Array.isArray(given)) Object.assign(attributes, given);
    else {
      for (const field of fieldsOf(tag.category, this.codebook())) {
        const current = attributes[field.key];
        if (field.values) {
          // The codebook lists the allowed values: a pick, with a value from elsewhere kept on offer.
          const shown = current === undefined ? undefined : typeof current === 'string' ? current : JSON.stringify(current);
          const values = shown !== undefined && !field.values.includes(shown) ? [...field.values, shown] : field.values;
          const picked = await vscode.window.showQuickPick([...values.map((v) => ({ label: v, description: v === shown ? 'current' : '', value: v })), { label: 'Not set', description: shown === undefined ? 'current' : '', value: null }], {
            title: `${categoryOf(tag.category).label} “${tag.text.slice(0, 40)}”: ${field.key}`,
            placeHolder: field.prompt,
          });
          if (picked === undefined) return; // Escape cancels the whole edit
          if (picked.value === null) delete attributes[field.key];
          else if (picked.value !== shown) attributes[field.key] = picked.value;
          continue;
        }
        const answer = await vscode.window.showInputBox({
          title: `${categoryOf(tag.category).label} “${tag.text.slice(0, 40)}”: ${field.key}`,
          prompt: `${field.prompt}. Leave empty to remove it.`,
          value: current === undefined ? '' : typeof current === 'string' ? current : JSON.stringify(current),
          ...(field.numeric ? { validateInput: (v: string) => (v.trim() === '' || Number.isFinite(parseNumber(v)) ? undefined : 'A number, e.g. 2417 or 2,417 or 3.5') } : {}),
        });
        if (answer === undefined) return; // Escape cancels the whole edit
        if (answer.trim() === '') delete attributes[field.key];
        else attributes[field.key] = field.numeric ? parseNumber(answer) : answer.trim();
      }
    }
    for (const [key, value] of Object.entries(attributes)) if (value === undefined || value === null || value === '') delete attributes[key];
    this.store.update(ref.key, ref.id, { attributes: Object.keys(attributes).length > 0 ? attributes : undefined });
  }

  /** Selects the next (or previous) tag in the article, wrapping around at the end. */
  private async step(direction: 1 | -1, wanted: (tag: Tag) => boolean): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const key = articleKey(editor.document.uri);
    const tags = [...this.lens.shown(this.store.tags(key))].filter((t) => !isOrphan(t) && wanted(t)).sort(compareTags);
    if (tags.length === 0) {
      void vscode.window.showInformationMessage(wanted === awaitsReview ? 'No tag in this article needs review.' : 'This article has no tags.');
      return;
    }
    const offsets = DocumentOffsets.of(editor.document);
    const here = { start: offsets.codePoint(editor.selection.start), end: offsets.codePoint(editor.selection.end) };
    const after = (t: Tag): boolean => t.start > here.start || (t.start === here.start && t.end > here.end);
    const before = (t: Tag): boolean => t.start < here.start || (t.start === here.start && t.end < here.end);
    const target = direction === 1 ? tags.find(after) ?? tags[0]! : [...tags].reverse().find(before) ?? tags[tags.length - 1]!;
    const range = offsets.tagRange(target);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    await Promise.resolve();
  }
}

/** Long enough to read after a key press, short enough not to linger over the next tag. */
const STATUS_MESSAGE_MS = 4000;

/** "$(pass) Confirmed: “2,417 people”", or for several tags "$(pass) 3 tags confirmed". */
export function markedMessage(tag: Tag | undefined, count: number, verdict: ReviewVerdict | undefined): string {
  const icon = verdict === 'confirmed' ? '$(pass)' : verdict === 'disputed' ? '$(error)' : '$(circle-large-outline)';
  const state = verdict === 'confirmed' ? 'confirmed' : verdict === 'disputed' ? 'disputed' : 'not reviewed';
  if (!tag) return `${icon} ${count} ${count === 1 ? 'tag' : 'tags'} ${verdict ? '' : 'marked '}${state}`;
  const text = tag.text.length > 40 ? `${tag.text.slice(0, 39)}…` : tag.text;
  const what = `${categoryOf(tag.category).label} “${text.replace(/\s+/g, ' ')}”`;
  return `${icon} ${what} ${verdict ? '' : 'marked '}${state}`;
}

/** Not yet confirmed or disputed, or re-attached to changed text. */
function awaitsReview(tag: Tag): boolean {
  return tag.review === undefined || needsReview(tag);
}

function parseNumber(text: string): number {
  return Number(text.trim().replace(/[,\u00a0 _]/g, ''));
}
