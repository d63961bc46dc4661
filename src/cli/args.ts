import { parseArgs, type ParseArgsConfig } from 'node:util';
import * as l10n from '@vscode/l10n';
import { UsageError } from './usageError';

type Options = NonNullable<ParseArgsConfig['options']>;

interface CommandSpec {
  /** The command's synopsis: its name, options and arguments (never translated). */
  readonly synopsis: string;
  /** What the command does, its lines of the help text under the synopsis, in the language of the messages. */
  readonly describe: () => string;
  readonly options: Options;
  /** Its arguments are files of another kind (saved pages, other tools' files), which its usage explains. */
  readonly ownPaths?: true;
}

const flag = { type: 'boolean' } as const;
const value = { type: 'string', multiple: true } as const; // multiple, so a repeated option is an error rather than silently the last one

export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  check: {
    options: { fix: flag, json: flag, 'no-cache': flag },
    synopsis: 'check [--fix] [--json] [--no-cache] PATH...',
    describe: () => l10n.t('Find every tag again in its article (after edits, a re-download, a\nchange of line endings) and report anchored / moved / fuzzy / orphaned\ntags. --fix writes the re-attached tags back (atomically, comments kept);\n--json prints a machine-readable report.\nExit 0: every tag anchored or moved; 1: any fuzzy or orphaned tag, or a\nsidecar that cannot be read or has no article; 2: bad usage.'),
  },
  stats: {
    options: { json: flag, 'no-cache': flag },
    synopsis: 'stats [--json] [--no-cache] PATH...',
    describe: () => l10n.t('Count tags per category and per review status, per article and in\ntotal, with tags per 1,000 words; then each outlet\'s profile (tags\nper 1,000 words and share per category).'),
  },
  quotes: {
    options: { json: flag, 'no-cache': flag },
    synopsis: 'quotes [--json] [--no-cache] PATH...',
    describe: () => l10n.t('Align quoted claims and denials across articles: tags whose words match\nclosely are grouped under the wording most outlets print, and each version\nis identical, trimmed (a contiguous part of it) or altered. Only tags in\nquotation marks count. Exit 0 (altered quotes are findings), 1 when a\nsidecar cannot be read, 2 on bad usage.'),
  },
  export: {
    options: { format: value, out: value, 'include-orphans': flag, bom: flag, force: flag, offsets: value, 'no-cache': flag },
    synopsis: 'export --format F [--out PATH] [--force] [--include-orphans] [--bom]\n       [--offsets codepoints|utf16] [--no-cache] PATH...',
    describe: () => l10n.t('Write the tags in another tool\'s format: csv, jsonl, w3c, brat, semeval,\nsemeval2023, doccano, label-studio, html, md. --out names a folder\n(created if missing); single-file formats may take a file name, or print\nto standard output without --out; brat and semeval need --out, a new or\nempty folder (not one of tagged articles).\nAn existing file is replaced only with --force; articles, sidecars and\nany *.tags.yaml never are. --offsets (doccano only): utf16 (default,\nJavaScript string indices, as doccano counts) or codepoints (Python).\nExit 1 when a file could not be read or written, 2 on bad usage.'),
  },
  import: {
    ownPaths: true,
    options: { format: value, map: value, articles: value, offsets: value },
    synopsis: 'import --format F [--map OLD=NEW]... [--articles DIR]\n       [--offsets codepoints|utf16] PATH...',
    describe: () => l10n.t('Read csv, brat, semeval, semeval2023, w3c, doccano or label-studio files\n(PATH: files or folders) into the sidecars of existing articles found\nunder DIR (default: the current folder), by the paths brat and SemEval\nrecorded where names repeat. Spans whose text is not at their offsets\nare found again or reported, never placed wrongly. --offsets as for\nexport. Exit 1 when anything was not imported.'),
  },
  figures: {
    options: { json: flag, synonyms: value, 'no-cache': flag },
    synopsis: 'figures [--json] [--synonyms FILE] [--no-cache] PATH...',
    describe: () => l10n.t('The figure ledger: figure tags across the articles, grouped by what they\ncount, then by source and time. A mismatch is the same figure printed\nwith different values (or values a typo apart, 3,835 vs 3,825); a\ndivergence is different sources disagreeing. --synonyms adds words from\na YAML or JSON file: { nouns: { troops: [conscripts] }, outcomes: {...},\nsources: {...} }. Exit 0: no mismatch; 1: any mismatch, or a sidecar that\ncannot be read; 2: bad usage or an unusable synonyms file.'),
  },
  suggest: {
    options: { json: flag, write: flag },
    synopsis: 'suggest [--json] [--write] PATH...',
    describe: () => l10n.t('Rule-based suggestions for each article, tagged or not (a folder: every\n.txt/.md under it): category, start, end (code points, the sidecar\'s\nunit), text and reason. --write adds them as tags by newsmark-suggest,\ncreating the sidecar when there is none.'),
  },
  agree: {
    options: { json: flag, by: value },
    synopsis: 'agree [--json] SET_A SET_B | agree [--json] --by author SET',
    describe: () => l10n.t('How far two coders agree. An annotation set is a folder of articles\nwith sidecars (a git worktree, a colleague\'s copy); articles are matched\nby their path in the set and their SHA-256 (one that differs has B\'s\ntags re-attached onto A\'s text first, and is reported). --by author:\none set, the tags of its two authors compared. Prints per category exact\nand overlap span F1, Cohen\'s κ over code points and Krippendorff\'s α_U,\nthe units (A, B, matched), per article, then every disagreement. Reads\nonly. Exit 0; 2 on bad usage or a sidecar that cannot be read.'),
  },
  ingest: {
    ownPaths: true,
    options: { out: value, json: flag },
    synopsis: 'ingest [--out DIR] [--json] FILE.html...',
    describe: () => l10n.t('Turn saved web pages into articles: the main text (headline first, one\nparagraph per line; menus, share bars, comment forms, ads, cookie and\nnewsletter boxes dropped) in <outlet>-<date>-<slug>.txt, and its sidecar\nwith the page\'s outlet, url, published date, headline and byline. --out\nnames the folder (created if missing; default: the current folder).\nNothing is overwritten: a name in use gets -2, -3. Nothing in the page\nis run. Exit 1 when a page was refused (not HTML, too large, no article\ntext) or not written; the others are still written.'),
  },
  validate: {
    options: { 'no-cache': flag },
    synopsis: 'validate [--no-cache] PATH...',
    describe: () => l10n.t('Check that each sidecar parses, every tag\'s offsets cut out its text,\nevery id is 8 lowercase hex digits and "article:" names the file beside\nthe sidecar. Exit 0 when all are valid, 1 when any is not, 2 on bad usage.'),
  },
};

function pathKinds(): string {
  return l10n.t('PATH is an article, a sidecar (<article>.tags.yaml) or a folder, searched recursively.');
}

function optionsAnywhere(): string {
  return l10n.t('Options may come before or after the paths; "--" ends the options (for a path that starts\nwith "-").');
}

function pathsText(): string {
  return `${pathKinds()}\n${optionsAnywhere()}`;
}

function cacheText(): string {
  return `${l10n.t('Parse cache (stats, check, validate, export, figures, quotes): what each sidecar\nheld is kept in .newsmark-cache/ at the corpus root (the first PATH, or a file\'s folder),\nso the next run skips the YAML (and check the re-attaching). An entry is used only while the\nsidecar\'s and the article\'s size and modification time are unchanged. stats, check and\nvalidate keep their last output there too, and print it again while the same command finds\nthe same files, none changed. The folder ignores itself in git (.gitignore: *),\ncarries a CACHEDIR.TAG, and is safe to delete. NEWSMARK_CACHE_DIR=DIR keeps it in DIR\ninstead; --no-cache neither reads nor writes it; a folder that cannot be written runs uncached.\nNEWSMARK_WORKERS=N parses sidecars on N worker threads (by default, from 1,000 sidecars:\nstats, check and validate one per core with 2 or more cores; export, figures and quotes one\nfewer than the cores with 3 or more; 0: none).')}\n`;
}

/** A command's lines of the help text: its synopsis, then its description indented under it. */
function commandUsage(spec: CommandSpec): string {
  return `${spec.synopsis}\n${spec.describe().split('\n').map((line) => `${' '.repeat(21)}${line}`).join('\n')}`;
}

/** The whole help text, in the language of the messages (made when printed: the language is chosen after modules load). */
export function usage(): string {
  return `${l10n.t('Usage: newsmark <command> [options] PATH...')}

${pathsText()}

${l10n.t('Commands:')}
${Object.values(COMMANDS).map((c) => `  ${commandUsage(c)}`).join('\n')}

${cacheText()}
${l10n.t('Options:')}
  -h, --help         ${l10n.t('Show this help (after a command: that command\'s help).')}
  -v, --version      ${l10n.t('Show the version.')}
`;
}

export function usageOf(command: string): string {
  const spec = COMMANDS[command];
  if (!spec) return usage();
  return `${l10n.t('Usage: newsmark {0}', commandUsage(spec))}\n\n${spec.ownPaths ? optionsAnywhere() : pathsText()}\n${'no-cache' in spec.options ? `\n${cacheText()}` : ''}`;
}

export interface ParsedCommand {
  readonly help: boolean;
  readonly paths: string[];
  flag(name: string): boolean;
  /** A value option given at most once. */
  value(name: string): string | undefined;
  /** A value option that may be repeated (`--map a=b --map c=d`). */
  values(name: string): string[];
}

/** A command's arguments; bad usage throws a UsageError of one line. */
export function parseCommand(command: string, args: readonly string[]): ParsedCommand {
  const spec = COMMANDS[command];
  if (!spec) throw new UsageError(l10n.t('unknown command "{0}".', command));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options: { ...spec.options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  const list = (name: string): string[] => {
    const v = values[name];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
  };
  return {
    help: values['help'] === true,
    paths: positionals,
    flag: (name) => values[name] === true,
    value: (name) => {
      const all = list(name);
      if (all.length > 1) throw new UsageError(l10n.t('--{0} is given {1} times; give it once.', name, all.length));
      return all[0];
    },
    values: list,
  };
}

/** node:util's messages run to three lines and suggest syntax; one line naming the option is enough. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? l10n.t('an option');
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return l10n.t('unknown option {0} (a path that starts with "-" goes after "--").', option);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(message)) return l10n.t('{0} takes no value.', option);
    return l10n.t('{0} needs a value.', option);
  }
  return message.split('\n')[0] ?? message;
}
