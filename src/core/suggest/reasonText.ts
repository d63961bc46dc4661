import * as l10n from '@vscode/l10n';

/**
 * A suggestion's reason as the analyst reads it, in the user's language. The suggesters write the
 * reason in English (`denial verb “denied” and its clause`): it is data too, printed as it is by
 * `newsmark suggest --json` in every language. Whoever shows it to a person says it through here.
 * A reason this table does not know is shown as it is.
 */
export function reasonText(reason: string): string {
  for (const [pattern, say] of RULES) {
    const match = pattern.exec(reason);
    if (match) return say(match);
  }
  return reason;
}

/** A quoted word of a reason, in the language's quotation marks. */
const q = (word: string | undefined): string => l10n.t('“{0}”', word ?? '');

type Rule = readonly [RegExp, (match: RegExpExecArray) => string];

// The longer form of a reason before the shorter one it starts with.
const RULES: readonly Rule[] = [
  [/^quoted denial \(“(.*)”\)$/su, (m) => l10n.t('quoted denial ({0})', q(m[1]))],
  [/^denial verb “(.*)” and its clause$/su, (m) => l10n.t('denial verb {0} and its clause', q(m[1]))],
  [/^denial noun “(.*)” and its complement$/su, (m) => l10n.t('denial noun {0} and its complement', q(m[1]))],
  [/^denial word “(.*)”, quoted, with its clause$/su, (m) => l10n.t('denial word {0}, quoted, with its clause', q(m[1]))],
  [/^denial word “(.*)” in its clause$/su, (m) => l10n.t('denial word {0} in its clause', q(m[1]))],
  [/^evaluative adverb “(.*)” with the word it intensifies$/su, (m) => l10n.t('evaluative adverb {0} with the word it intensifies', q(m[1]))],
  [/^evaluative adverb “(.*)”$/su, (m) => l10n.t('evaluative adverb {0}', q(m[1]))],
  [/^loaded label “(.*)”$/su, (m) => l10n.t('loaded label {0}', q(m[1]))],
  [/^evaluative adjective “(.*)” with its noun$/su, (m) => l10n.t('evaluative adjective {0} with its noun', q(m[1]))],
  [/^evaluative adjective “(.*)”$/su, (m) => l10n.t('evaluative adjective {0}', q(m[1]))],
  [/^all-caps “(.*)” for emphasis$/su, (m) => l10n.t('all-caps {0} for emphasis', q(m[1]))],
  [/^scare quotes around “(.*)”$/su, (m) => l10n.t('scare quotes around {0}', q(m[1]))],
  [/^exclamation$/u, () => l10n.t('exclamation')],
  [/^clause reported by “(.*)”$/su, (m) => l10n.t('clause reported by {0}', q(m[1]))],
  [/^clause attributed by “(.*)”$/su, (m) => l10n.t('clause attributed by {0}', q(m[1]))],
  [/^quotation attributed by “(.*)”$/su, (m) => l10n.t('quotation attributed by {0}', q(m[1]))],
  [/^(range|percentage|amount of money|written number|number)(?: qualified by “(.*)”)?( with the counted noun)?$/su, (m) => figureReason(m[1]!, m[2], m[3] !== undefined)],
];

/** A figure's reason: what kind of quantity, the word qualifying it, whether its counted noun is in the span. */
function figureReason(kind: string, approx: string | undefined, withNoun: boolean): string {
  switch (kind) {
    case 'range':
      if (approx !== undefined) return withNoun ? l10n.t('range qualified by “{0}” with the counted noun', approx) : l10n.t('range qualified by “{0}”', approx);
      return withNoun ? l10n.t('range with the counted noun') : l10n.t('range');
    case 'percentage':
      if (approx !== undefined) return withNoun ? l10n.t('percentage qualified by “{0}” with the counted noun', approx) : l10n.t('percentage qualified by “{0}”', approx);
      return withNoun ? l10n.t('percentage with the counted noun') : l10n.t('percentage');
    case 'amount of money':
      if (approx !== undefined) return withNoun ? l10n.t('amount of money qualified by “{0}” with the counted noun', approx) : l10n.t('amount of money qualified by “{0}”', approx);
      return withNoun ? l10n.t('amount of money with the counted noun') : l10n.t('amount of money');
    case 'number':
      if (approx !== undefined) return withNoun ? l10n.t('number qualified by “{0}” with the counted noun', approx) : l10n.t('number qualified by “{0}”', approx);
      return withNoun ? l10n.t('number with the counted noun') : l10n.t('number');
    default:
      if (approx !== undefined) return withNoun ? l10n.t('written number qualified by “{0}” with the counted noun', approx) : l10n.t('written number qualified by “{0}”', approx);
      return withNoun ? l10n.t('written number with the counted noun') : l10n.t('written number');
  }
}
