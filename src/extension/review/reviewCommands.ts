import * as vscode from 'vscode';
import { EMPTY_CODEBOOK, type Codebook } from '../../core/codebook/index';
import { categoryOf, type CategoryId } from '../../core/codebook';
import { figureAttributesFromText } from '../../core/figures/prefill';
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
import { parseNumber, StepsInput, type Step } from './stepsInput';
import { ContextKeys } from '../shared/contextKeys';

/** Attributes worth asking for, per category (prompts in the display language); any others in the sidecar are kept as they are. */
function attributeFields(category: CategoryId): readonly { key: string; prompt: string; numeric?: boolean }[] {
  switch (category) {
    case 'figure': return [
      { key: 'value', prompt: vscode.l10n.t('Value: the number as reported (e.g. 2417)'), numeric: true },
      { key: 'unit', prompt: vscode.l10n.t('Unit (e.g. people, crowns, %)') },
      { key: 'counts', prompt: vscode.l10n.t('What is counted (e.g. evacuees, wounded)') },
    ];
    case 'claim': return [{ key: 'speaker', prompt: vscode.l10n.t('Speaker: who makes the claim') }];
    case 'denial': return [{ key: 'speaker', prompt: vscode.l10n.t('Speaker: who denies') }];
    case 'framing': return [{ key: 'target', prompt: vscode.l10n.t('Target: who or what the wording frames') }];
  }
}

/** The built-in fields of a category, then the codebook's attributes (one of the same name takes the built-in one's place). */
function fieldsOf(category: CategoryId, codebook: Codebook): { key: string; prompt: string; numeric?: boolean; values?: readonly string[] }[] {
  const extra = codebook.categories[category].attributes;
  const own = attributeFields(category);
  const builtIn = own.map((f) => {
    const spec = extra.find((a) => a.name === f.key);
    return spec ? { ...f, ...(spec.definition ? { prompt: spec.definition } : {}), ...(spec.values ? { values: spec.values } : {}) } : f;
  });
  const added = extra.filter((a) => !own.some((f) => f.key === a.name)).map((a) => ({ key: a.name, prompt: a.definition ?? a.name, ...(a.values ? { values: a.values } : {}) }));
  return [...builtIn, ...added];
}

interface Choice {
  readonly label: string;
  readonly value: string;
  readonly description?: string;
}

/** The sidecar's conventional `comparator` values (docs/sidecar-format.md); '' leaves it unset. */
function comparators(): readonly Choice[] {
  return [
    { label: vscode.l10n.t('As stated'), value: '', description: vscode.l10n.t('the value exactly') },
    { label: `> ${vscode.l10n.t('at least')}`, value: '>', description: vscode.l10n.t('more than, at least, over') },
    { label: `< ${vscode.l10n.t('at most')}`, value: '<', description: vscode.l10n.t('fewer than, up to, as many as') },
    { label: `~ ${vscode.l10n.t('about')}`, value: '~', description: vscode.l10n.t('roughly, nearly, an estimated') },
  ];
}

/** A value as the input shows it. */
function shownValue(value: unknown): string {
  return value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The steps of Edit Attributes for a tag: its category's fields (the codebook's included), each
 * starting from the tag's value; for a figure, a field the tag lacks starts from its text, and
 * the comparator is asked when the text or the tag has one ("at least 40 people").
 */
function stepsFor(tag: Tag, codebook: Codebook): Step[] {
  const read: Record<string, unknown> = tag.category === 'figure' ? { ...figureAttributesFromText(tag.text, tag.prefix ?? '') } : {};
  const fields = fieldsOf(tag.category, codebook);
  const choices = comparators();
  if (tag.category === 'figure' && !fields.some((f) => f.key === 'comparator') && (tag.attributes?.['comparator'] !== undefined || read['comparator'] !== undefined)) {
    fields.splice(fields.findIndex((f) => f.key === 'value') + 1, 0, { key: 'comparator', prompt: vscode.l10n.t('How the value is bounded'), values: choices.map((c) => c.value).filter(Boolean) });
  }
  const heading = `${categoryOf(tag.category).label} “${tag.text.length > 40 ? `${tag.text.slice(0, 40)}…` : tag.text}”`;
  return fields.map((field) => {
    const own = tag.attributes?.[field.key];
    const initial = own !== undefined ? shownValue(own) : shownValue(read[field.key]);
    const fromText = own === undefined && initial !== '';
    // Sentences, each translated on its own.
    const prompt = [vscode.l10n.t('{0}.', field.prompt), ...(fromText ? [vscode.l10n.t('Read from the tag’s text: Enter keeps it.')] : [])].join(' ');
    const base = { key: field.key, title: vscode.l10n.t('{0}: {1}', heading, field.key), initial, ...(field.numeric ? { numeric: true } : {}) };
    if (!field.values) return { ...base, prompt: [prompt, vscode.l10n.t('Leave empty to remove it.')].join(' ') };
    // The codebook lists the allowed values: a pick, with a value from elsewhere kept on offer.
    const listed: readonly Choice[] = field.key === 'comparator' && !codebook.categories.figure.attributes.some((a) => a.name === 'comparator')
      ? choices.filter((c) => c.value !== '')
      : field.values.map((v) => ({ label: v, value: v }));
    const values = initial !== '' && !listed.some((v) => v.value === initial) ? [...listed, { label: initial, value: initial }] : listed;
    const none: Choice = field.key === 'comparator' ? choices[0]! : { label: vscode.l10n.t('Not set'), value: '' };
    return {
      ...base,
      prompt: [prompt, vscode.l10n.t('Pick a value.')].join(' '),
      values: [...values, none].map((v) => ({ ...v, description: [v.description, v.value === initial ? (fromText ? vscode.l10n.t('in the text') : vscode.l10n.t('current')) : ''].filter(Boolean).join(' · ') })),
    };
  });
}

/** Reviewing: verdicts, attributes, and walking through an article's tags. */
export class ReviewCommands extends Disposable {
  private statusMessage: vscode.Disposable = new vscode.Disposable(() => undefined);
  /** Edit Attributes' input; the integration tests answer its steps. */
  readonly attributesInput = new StepsInput();

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
    const refs = await resolveTargets(this.store, first, selected, vscode.l10n.t('Mark which tag?'), this.lens);
    const patch = verdict
      ? { review: verdict, reviewer: author(), status: undefined, previousText: undefined }
      : { review: undefined, reviewer: undefined };
    for (const [key, ids] of byArticle(refs)) this.store.updateMany(key, ids, patch);
    if (refs.length === 0) return undefined;
    if (verdict) ContextKeys.didReview.pulse();
    const message = markedMessage(refs.length === 1 ? this.store.find(refs[0]!.key, refs[0]!.id) : undefined, refs.length, verdict);
    this.statusMessage.dispose(); // the newest verdict replaces the last one's message at once
    this.statusMessage = vscode.window.setStatusBarMessage(message, STATUS_MESSAGE_MS);
    return message;
  }

  /**
   * Asks for the attributes that matter for the tag's category in one multi-step input, each step
   * pre-filled with the tag's value or, for a figure, with what its text states ("3,835 wounded":
   * 3835, wounded). An object as second argument sets them directly.
   */
  private async editAttributes(first: unknown, given: unknown): Promise<void> {
    const [ref] = await resolveTargets(this.store, first, undefined, vscode.l10n.t('Edit the attributes of which tag?'), this.lens);
    const tag = ref && this.store.find(ref.key, ref.id);
    if (!ref || !tag) return;
    const attributes: Record<string, unknown> = { ...(tag.attributes ?? {}) };
    if (typeof given === 'object' && given !== null && !Array.isArray(given)) Object.assign(attributes, given);
    else {
      const steps = stepsFor(tag, this.codebook());
      const answers = await this.attributesInput.ask(steps);
      if (!answers) return; // Escape cancels the whole edit
      for (const step of steps) {
        const answer = answers.get(step.key) ?? '';
        const before = attributes[step.key];
        // Left as it was shown: a number or a list stays what it was, not its text.
        if (before !== undefined && answer === shownValue(before)) continue;
        if (answer === '') delete attributes[step.key];
        else attributes[step.key] = step.numeric ? parseNumber(answer) : answer;
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
      void vscode.window.showInformationMessage(wanted === awaitsReview ? vscode.l10n.t('No tag in this article needs review.') : vscode.l10n.t('This article has no tags.'));
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
  if (!tag) {
    if (verdict === 'confirmed') return `${icon} ${count === 1 ? vscode.l10n.t('1 tag confirmed') : vscode.l10n.t('{0} tags confirmed', count)}`;
    if (verdict === 'disputed') return `${icon} ${count === 1 ? vscode.l10n.t('1 tag disputed') : vscode.l10n.t('{0} tags disputed', count)}`;
    return `${icon} ${count === 1 ? vscode.l10n.t('1 tag marked not reviewed') : vscode.l10n.t('{0} tags marked not reviewed', count)}`;
  }
  const text = tag.text.length > 40 ? `${tag.text.slice(0, 39)}…` : tag.text;
  const category = categoryOf(tag.category).label;
  const quoted = text.replace(/\s+/g, ' ');
  if (verdict === 'confirmed') return `${icon} ${vscode.l10n.t('{0} “{1}” confirmed', category, quoted)}`;
  if (verdict === 'disputed') return `${icon} ${vscode.l10n.t('{0} “{1}” disputed', category, quoted)}`;
  return `${icon} ${vscode.l10n.t('{0} “{1}” marked not reviewed', category, quoted)}`;
}

/** Not yet confirmed or disputed, or re-attached to changed text. */
function awaitsReview(tag: Tag): boolean {
  return tag.review === undefined || needsReview(tag);
}
