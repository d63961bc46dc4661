import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';

let chosen: string | undefined;

/**
 * The command line speaks the language of NEWSMARK_LANG, else of the usual POSIX variables
 * (LC_ALL, LC_MESSAGES, LANG, "de_DE.UTF-8" → "de"), when a translation for it is in l10n/ beside
 * dist/. Machine-readable output (JSON, CSV, YAML) is never translated, only messages for people.
 * Returns the language used, or undefined for English.
 */
export function useLanguageOf(env: NodeJS.ProcessEnv, l10nFolder = join(__dirname, '..', 'l10n')): string | undefined {
  const wanted = [env['NEWSMARK_LANG'], env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v !== '');
  const language = wanted?.toLowerCase().match(/^[a-z]{2,3}/)?.[0];
  if (language === undefined || language === 'en' || language === 'c') return undefined;
  const bundle = join(l10nFolder, `bundle.l10n.${language}.json`);
  if (!existsSync(bundle)) return undefined;
  l10n.config({ fsPath: bundle });
  chosen = bundle;
  return language;
}

/**
 * The bundle file useLanguageOf chose, for code built into a bundle of its own (dist/cliIngest.js,
 * dist/parseWorker.js), whose copy of @vscode/l10n has to be told again. Undefined: English.
 */
export function languageBundle(): string | undefined {
  return chosen;
}

/** Tells this copy of @vscode/l10n to use the bundle another copy was given (languageBundle); nothing for English. */
export function useBundle(bundle: string | undefined): void {
  if (bundle !== undefined) l10n.config({ fsPath: bundle });
}
