/** Stands for the value while its sentence is translated: no message contains it. */
const HOLE = '\u0000';

/**
 * A translated sentence in the two parts around its one value: `sentence` is called with a
 * stand-in for the value (`(v) => vscode.l10n.t('tagged by {0}', v)`), so the words stay one
 * message to translate, in the translation's own word order, while the value is still added
 * apart from them (MarkdownString.appendText escapes a name, the words may carry markdown).
 */
export function around(sentence: (value: string) => string): [before: string, after: string] {
  const text = sentence(HOLE);
  const at = text.indexOf(HOLE);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + HOLE.length)];
}
