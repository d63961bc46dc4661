import * as l10n from '@vscode/l10n';

/** The four categories an analyst tags with. The id is what the sidecar stores. */
export type CategoryId = 'claim' | 'denial' | 'figure' | 'framing';

export interface Category {
  readonly id: CategoryId;
  /** Shown in menus, hovers and the tree. */
  readonly label: string;
  /** One line, shown in the quick pick and the hover. */
  readonly definition: string;
  /** A codicon id (the extension renders it as a ThemeIcon). */
  readonly icon: string;
  /** The contributed colour used for the highlight background. */
  readonly colorId: string;
  /** The contributed colour of its mark in the overview ruler. */
  readonly rulerColorId: string;
  /** The contributed colour of the highlight's outline (high-contrast themes; transparent elsewhere). */
  readonly borderColorId: string;
}

// label and definition are getters: the translation is read when they are shown, after activate()
// has configured the bundle (this module loads before that).
export const CATEGORIES: readonly Category[] = [
  {
    id: 'claim',
    get label() { return l10n.t('Claim'); },
    get definition() { return l10n.t('An assertion of fact attributed to a source, presented as true but not yet verified.'); },
    icon: 'comment-discussion',
    colorId: 'newsmark.claimBackground',
    rulerColorId: 'newsmark.claimRuler',
    borderColorId: 'newsmark.claimBorder',
  },
  {
    id: 'denial',
    get label() { return l10n.t('Denial'); },
    get definition() { return l10n.t('A source rejects, dismisses or disputes a claim, accusation or report.'); },
    icon: 'circle-slash',
    colorId: 'newsmark.denialBackground',
    rulerColorId: 'newsmark.denialRuler',
    borderColorId: 'newsmark.denialBorder',
  },
  {
    id: 'figure',
    get label() { return l10n.t('Figure'); },
    get definition() { return l10n.t('A number or quantity reported as fact: counts, amounts, percentages, ranges.'); },
    icon: 'symbol-number',
    colorId: 'newsmark.figureBackground',
    rulerColorId: 'newsmark.figureRuler',
    borderColorId: 'newsmark.figureBorder',
  },
  {
    id: 'framing',
    get label() { return l10n.t('Editorial framing'); },
    get definition() { return l10n.t('Wording that evaluates or colours the events rather than reporting them.'); },
    icon: 'megaphone',
    colorId: 'newsmark.framingBackground',
    rulerColorId: 'newsmark.framingRuler',
    borderColorId: 'newsmark.framingBorder',
  },
];

export const CATEGORY_IDS: readonly CategoryId[] = CATEGORIES.map((c) => c.id);

export function isCategoryId(value: unknown): value is CategoryId {
  return typeof value === 'string' && (CATEGORY_IDS as readonly string[]).includes(value);
}

export function categoryOf(id: CategoryId): Category {
  const found = CATEGORIES.find((c) => c.id === id);
  if (!found) throw new Error(`Unknown category: ${id}`);
  return found;
}
