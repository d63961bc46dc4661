import { describeFileError } from '../core/exportWriter';
import { check } from './check';
import { exportTags } from './export';
import { importTags } from './import';
import { consoleOutput, type Output } from './output';
import { UsageError } from './sidecars';
import { stats } from './stats';
import { suggest } from './suggest';
import { validate } from './validate';

const USAGE = `Usage: newsmark <command> [options] PATH...

PATH is an article, a sidecar (<article>.tags.yaml) or a folder, searched recursively.

Commands:
  check [--fix] [--json] PATH...
                     Find every tag again in its article (after edits, a re-download, a
                     change of line endings) and report anchored / moved / fuzzy / orphaned
                     tags. --fix writes the re-attached tags back (atomically, comments kept);
                     --json prints a machine-readable report.
                     Exit 0: every tag anchored or moved; 1: any fuzzy or orphaned tag, or a
                     sidecar that cannot be read or has no article; 2: bad usage.
  stats [--json] PATH...
                     Count tags per category and per review status, per article and in
                     total, with tags per 1,000 words.
  export --format F [--out PATH] [--force] [--include-orphans] [--bom] [--offsets U] PATH...
                     Write the tags in another tool's format: csv, jsonl, w3c, brat, semeval,
                     doccano, label-studio, html, md. --out names a folder (created if
                     missing); single-file formats may take a file name, or print to
                     standard output without --out; brat and semeval need --out.
                     An existing file is replaced only with --force; articles, sidecars and
                     any *.tags.yaml never are. --offsets (doccano only): utf16 (default,
                     JavaScript string indices, as doccano counts) or codepoints (Python).
                     Exit 1 when a file could not be read or written, 2 on bad usage.
  import --format F [--map OLD=NEW]... [--articles DIR] [--offsets U] PATH...
                     Read brat, semeval, w3c, doccano or label-studio files (PATH: files or
                     folders) into the sidecars of existing articles found under DIR
                     (default: the current folder). Spans whose text is not at their offsets
                     are found again or reported, never placed wrongly. --offsets as for
                     export. Exit 1 when anything was not imported.
  suggest [--json] [--write] PATH...
                     Rule-based suggestions for each article, tagged or not (a folder: every
                     .txt/.md under it): category, start, end (code points, the sidecar's
                     unit), text and reason. --write adds them as tags by newsmark-suggest,
                     creating the sidecar when there is none.
  validate PATH...   Check that each sidecar parses and every tag's offsets cut out its text.
                     Exit 0 when all are valid, 1 when any is not, 2 on bad usage.

Options:
  -h, --help         Show this help.
  -v, --version      Show the version.
`;

declare const NEWSMARK_VERSION: string | undefined;

export async function main(argv: readonly string[], out: Output = consoleOutput): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help') {
    out.line(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    out.line(typeof NEWSMARK_VERSION === 'string' ? NEWSMARK_VERSION : 'dev');
    return 0;
  }
  try {
    const { flags, values, paths } = parseArgs(rest, KNOWN_FLAGS[command] ?? [], KNOWN_VALUES[command] ?? []);
    if (paths.length === 0) throw new UsageError(`give at least one article, sidecar or folder.`);
    const format = values.get('--format')?.[0];
    if ((command === 'export' || command === 'import') && format === undefined) throw new UsageError('--format is required.');
    if (command === 'export') {
      const outPath = values.get('--out')?.[0];
      const offsets = values.get('--offsets')?.[0];
      return await exportTags(paths, { format: format!, includeOrphans: flags.has('--include-orphans'), bom: flags.has('--bom'), force: flags.has('--force'), ...(outPath !== undefined ? { out: outPath } : {}), ...(offsets !== undefined ? { offsets } : {}) }, out);
    }
    if (command === 'import') {
      const offsets = values.get('--offsets')?.[0];
      return await importTags(paths, { format: format!, maps: values.get('--map') ?? [], articles: values.get('--articles')?.[0] ?? '.', ...(offsets !== undefined ? { offsets } : {}) }, out);
    }
    if (command === 'check') return await check(paths, { fix: flags.has('--fix'), json: flags.has('--json') }, out);
    if (command === 'validate') return await validate(paths, out);
    if (command === 'stats') return await stats(paths, flags.has('--json'), out);
    if (command === 'suggest') return await suggest(paths, { json: flags.has('--json'), write: flags.has('--write') }, out);
    throw new UsageError(`unknown command "${command}".`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out.error(`newsmark ${command}: ${error.message}\n\n${USAGE}`);
    return 2;
  }
}

const KNOWN_FLAGS: Record<string, readonly string[]> = { check: ['--fix', '--json'], stats: ['--json'], export: ['--include-orphans', '--bom', '--force'], suggest: ['--json', '--write'] };
const KNOWN_VALUES: Record<string, readonly string[]> = { export: ['--format', '--out', '--offsets'], import: ['--format', '--map', '--articles', '--offsets'] };

function parseArgs(args: readonly string[], knownFlags: readonly string[], knownValues: readonly string[]): { flags: Set<string>; values: Map<string, string[]>; paths: string[] } {
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      paths.push(arg);
      continue;
    }
    const [name, inline] = arg.includes('=') && !knownFlags.includes(arg) ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (knownFlags.includes(name)) flags.add(name);
    else if (knownValues.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value.`);
      values.set(name, [...(values.get(name) ?? []), value]);
    } else throw new UsageError(`unknown option ${arg}.`);
  }
  return { flags, values, paths };
}

if (require.main === module) {
  // console.log drops write errors: output lost to a full disk or a closed pipe must not end in exit 0.
  // A closed pipe (`| head`) ends quietly; anything else is said once.
  process.stdout.once('error', (error: unknown) => {
    const closed = typeof error === 'object' && error !== null && 'code' in error && error.code === 'EPIPE';
    if (!closed) console.error(`newsmark: ${describeFileError('standard output', error, 'cannot write')}`);
    process.exitCode = 1;
  });
  main(process.argv.slice(2)).then((code) => (process.exitCode = code), (error: unknown) => {
    console.error(`newsmark: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
