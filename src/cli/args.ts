import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './sidecars';

type Options = NonNullable<ParseArgsConfig['options']>;

interface CommandSpec {
  /** The command's lines of the help text, from its synopsis on. */
  readonly usage: string;
  readonly options: Options;
  /** Its arguments are files of another kind (saved pages, other tools' files), which its usage explains. */
  readonly ownPaths?: true;
}

const flag = { type: 'boolean' } as const;
const value = { type: 'string', multiple: true } as const; // multiple, so a repeated option is an error rather than silently the last one

export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  check: {
    options: { fix: flag, json: flag, 'no-cache': flag },
    usage: `check [--fix] [--json] [--no-cache] PATH...
                     Find every tag again in its article (after edits, a re-download, a
                     change of line endings) and report anchored / moved / fuzzy / orphaned
                     tags. --fix writes the re-attached tags back (atomically, comments kept);
                     --json prints a machine-readable report.
                     Exit 0: every tag anchored or moved; 1: any fuzzy or orphaned tag, or a
                     sidecar that cannot be read or has no article; 2: bad usage.`,
  },
  stats: {
    options: { json: flag, 'no-cache': flag },
    usage: `stats [--json] [--no-cache] PATH...
                     Count tags per category and per review status, per article and in
                     total, with tags per 1,000 words; then each outlet's profile (tags
                     per 1,000 words and share per category).`,
  },
  quotes: {
    options: { json: flag, 'no-cache': flag },
    usage: `quotes [--json] [--no-cache] PATH...
                     Align quoted claims and denials across articles: tags whose words match
                     closely are grouped under the wording most outlets print, and each version
                     is identical, trimmed (a contiguous part of it) or altered. Only tags in
                     quotation marks count. Exit 0 (altered quotes are findings), 1 when a
                     sidecar cannot be read, 2 on bad usage.`,
  },
  export: {
    options: { format: value, out: value, 'include-orphans': flag, bom: flag, force: flag, offsets: value, 'no-cache': flag },
    usage: `export --format F [--out PATH] [--force] [--include-orphans] [--bom]
       [--offsets codepoints|utf16] [--no-cache] PATH...
                     Write the tags in another tool's format: csv, jsonl, w3c, brat, semeval,
                     doccano, label-studio, html, md. --out names a folder (created if
                     missing); single-file formats may take a file name, or print to
                     standard output without --out; brat and semeval need --out.
                     An existing file is replaced only with --force; articles, sidecars and
                     any *.tags.yaml never are. --offsets (doccano only): utf16 (default,
                     JavaScript string indices, as doccano counts) or codepoints (Python).
                     Exit 1 when a file could not be read or written, 2 on bad usage.`,
  },
  import: {
    ownPaths: true,
    options: { format: value, map: value, articles: value, offsets: value },
    usage: `import --format F [--map OLD=NEW]... [--articles DIR]
       [--offsets codepoints|utf16] PATH...
                     Read brat, semeval, w3c, doccano or label-studio files (PATH: files or
                     folders) into the sidecars of existing articles found under DIR
                     (default: the current folder). Spans whose text is not at their offsets
                     are found again or reported, never placed wrongly. --offsets as for
                     export. Exit 1 when anything was not imported.`,
  },
  figures: {
    options: { json: flag, synonyms: value, 'no-cache': flag },
    usage: `figures [--json] [--synonyms FILE] [--no-cache] PATH...
                     The figure ledger: figure tags across the articles, grouped by what they
                     count, then by source and time. A mismatch is the same figure printed
                     with different values (or values a typo apart, 3,835 vs 3,825); a
                     divergence is different sources disagreeing. --synonyms adds words from
                     a YAML or JSON file: { nouns: { troops: [conscripts] }, outcomes: {...},
                     sources: {...} }. Exit 0: no mismatch; 1: any mismatch, or a sidecar that
                     cannot be read; 2: bad usage or an unusable synonyms file.`,
  },
  suggest: {
    options: { json: flag, write: flag },
    usage: `suggest [--json] [--write] PATH...
                     Rule-based suggestions for each article, tagged or not (a folder: every
                     .txt/.md under it): category, start, end (code points, the sidecar's
                     unit), text and reason. --write adds them as tags by newsmark-suggest,
                     creating the sidecar when there is none.`,
  },
  agree: {
    options: { json: flag, by: value },
    usage: `agree [--json] SET_A SET_B | agree [--json] --by author SET
                     How far two coders agree. An annotation set is a folder of articles
                     with sidecars (a git worktree, a colleague's copy); articles are matched
                     by their path in the set and their SHA-256 (one that differs has B's
                     tags re-attached onto A's text first, and is reported). --by author:
                     one set, the tags of its two authors compared. Prints per category exact
                     and overlap span F1, Cohen's κ over code points and Krippendorff's α_U,
                     the units (A, B, matched), per article, then every disagreement. Reads
                     only. Exit 0; 2 on bad usage or a sidecar that cannot be read.`,
  },
  ingest: {
    ownPaths: true,
    options: { out: value, json: flag },
    usage: `ingest [--out DIR] [--json] FILE.html...
                     Turn saved web pages into articles: the main text (headline first, one
                     paragraph per line; menus, share bars, comment forms, ads, cookie and
                     newsletter boxes dropped) in <outlet>-<date>-<slug>.txt, and its sidecar
                     with the page's outlet, url, published date, headline and byline. --out
                     names the folder (created if missing; default: the current folder).
                     Nothing is overwritten: a name in use gets -2, -3. Nothing in the page
                     is run. Exit 1 when a page was refused (not HTML, too large, no article
                     text) or not written; the others are still written.`,
  },
  validate: {
    options: { 'no-cache': flag },
    usage: `validate [--no-cache] PATH...
                     Check that each sidecar parses, every tag's offsets cut out its text,
                     every id is 8 lowercase hex digits and "article:" names the file beside
                     the sidecar. Exit 0 when all are valid, 1 when any is not, 2 on bad usage.`,
  },
};

const PATH_KINDS = 'PATH is an article, a sidecar (<article>.tags.yaml) or a folder, searched recursively.';
const OPTIONS_ANYWHERE = `Options may come before or after the paths; "--" ends the options (for a path that starts
with "-").`;
const PATHS = `${PATH_KINDS}\n${OPTIONS_ANYWHERE}`;

const CACHE = `Parse cache (stats, check, validate, export, figures, quotes): what each sidecar
held is kept in .newsmark-cache/ at the corpus root (the first PATH, or a file's folder),
so the next run skips the YAML (and check the re-attaching). An entry is used only while the
sidecar's and the article's size and modification time are unchanged. The folder ignores itself in git (.gitignore: *),
carries a CACHEDIR.TAG, and is safe to delete. NEWSMARK_CACHE_DIR=DIR keeps it in DIR
instead; --no-cache neither reads nor writes it; a folder that cannot be written runs uncached.
NEWSMARK_WORKERS=N parses sidecars on N worker threads (by default, from 1,000 sidecars:
stats, check and validate one per core with 2 or more cores; export, figures and quotes one
fewer than the cores with 3 or more; 0: none).
`;

export const USAGE = `Usage: newsmark <command> [options] PATH...

${PATHS}

Commands:
${Object.values(COMMANDS).map((c) => `  ${c.usage}`).join('\n')}

${CACHE}
Options:
  -h, --help         Show this help (after a command: that command's help).
  -v, --version      Show the version.
`;

export function usageOf(command: string): string {
  const spec = COMMANDS[command];
  if (!spec) return USAGE;
  return `Usage: newsmark ${spec.usage}\n\n${spec.ownPaths ? OPTIONS_ANYWHERE : PATHS}\n${'no-cache' in spec.options ? `\n${CACHE}` : ''}`;
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
  if (!spec) throw new UsageError(`unknown command "${command}".`);
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
      if (all.length > 1) throw new UsageError(`--${name} is given ${all.length} times; give it once.`);
      return all[0];
    },
    values: list,
  };
}

/** node:util's messages run to three lines and suggest syntax; one line naming the option is enough. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? 'an option';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option} (a path that starts with "-" goes after "--").`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(message)) return `${option} takes no value.`;
    return `${option} needs a value.`;
  }
  return message.split('\n')[0] ?? message;
}
