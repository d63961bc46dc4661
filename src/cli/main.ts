import { check } from './check';
import { consoleOutput, type Output } from './output';
import { UsageError } from './sidecars';
import { stats } from './stats';
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
    const { flags, paths } = parseArgs(rest, command === 'check' ? ['--fix', '--json'] : command === 'stats' ? ['--json'] : []);
    if (paths.length === 0) throw new UsageError(`give at least one article, sidecar or folder.`);
    if (command === 'check') return await check(paths, { fix: flags.has('--fix'), json: flags.has('--json') }, out);
    if (command === 'validate') return await validate(paths, out);
    if (command === 'stats') return await stats(paths, flags.has('--json'), out);
    throw new UsageError(`unknown command "${command}".`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out.error(`newsmark ${command}: ${error.message}\n\n${USAGE}`);
    return 2;
  }
}

function parseArgs(args: readonly string[], known: readonly string[]): { flags: Set<string>; paths: string[] } {
  const flags = new Set<string>();
  const paths: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('--')) {
      if (!known.includes(arg)) throw new UsageError(`unknown option ${arg}.`);
      flags.add(arg);
    } else paths.push(arg);
  }
  return { flags, paths };
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code), (error: unknown) => {
    console.error(`newsmark: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
