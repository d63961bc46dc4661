import * as l10n from '@vscode/l10n';
import { describeFileError } from '../core/exportWriter';
import { agree } from './agree';
import { parseCommand, usage, usageOf } from './args';
import { check } from './check';
import { exportTags } from './export';
import { figures } from './figures';
import { importTags } from './import';
import { languageBundle, useLanguageOf } from './language';
import { ParsePool } from './parsePool';
import { consoleOutput, OutputFailed, type Output } from './output';
import { quotes } from './quotes';
import { UsageError } from './corpusFiles';
import { stats } from './stats';
import { suggest } from './suggest';
import { validate } from './validate';

declare const NEWSMARK_VERSION: string | undefined;

export async function main(argv: readonly string[], out: Output = consoleOutput): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help') {
    out.line(usage());
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    out.line(typeof NEWSMARK_VERSION === 'string' ? NEWSMARK_VERSION : 'dev');
    return 0;
  }
  try {
    const args = parseCommand(command, rest);
    if (args.help) {
      out.line(usageOf(command));
      return 0;
    }
    const paths = args.paths;
    if (command === 'agree') return await agree(paths, { json: args.flag('json'), by: args.value('by') }, out);
    if (command === 'ingest') {
      if (paths.length === 0) throw new UsageError(l10n.t('give at least one saved web page (.html).'));
      const outFolder = args.value('out');
      // Loaded only here: the page reader (an HTML parser and Readability) is half of the command
      // line's code, and every other command started slower for compiling it.
      const { ingest, useBundle } = await import('./ingest');
      useBundle(languageBundle()); // a bundle of its own in dist/ (cliIngest.js), with its own copy of @vscode/l10n
      return await ingest(paths, { json: args.flag('json'), ...(outFolder !== undefined ? { out: outFolder } : {}) }, out);
    }
    if (paths.length === 0) throw new UsageError(l10n.t('give at least one article, sidecar or folder.'));
    const format = args.value('format');
    if ((command === 'export' || command === 'import') && format === undefined) throw new UsageError(l10n.t('--format is required.'));
    const offsets = args.value('offsets');
    const withOffsets = offsets !== undefined ? { offsets } : {};
    const cache = !args.flag('no-cache');
    if (command === 'export') {
      const outPath = args.value('out');
      return await exportTags(paths, { format: format!, includeOrphans: args.flag('include-orphans'), bom: args.flag('bom'), force: args.flag('force'), cache, ...withOffsets, ...(outPath !== undefined ? { out: outPath } : {}) }, out);
    }
    if (command === 'import') return await importTags(paths, { format: format!, maps: args.values('map'), articles: args.value('articles') ?? '.', ...withOffsets }, out);
    if (command === 'check') return await check(paths, { fix: args.flag('fix'), json: args.flag('json'), cache }, out);
    if (command === 'validate') return await validate(paths, out, { cache });
    if (command === 'stats') return await stats(paths, args.flag('json'), out, { cache });
    if (command === 'quotes') return await quotes(paths, args.flag('json'), out, { cache });
    if (command === 'figures') {
      const synonyms = args.value('synonyms');
      return await figures(paths, { json: args.flag('json'), cache, ...(synonyms !== undefined ? { synonyms } : {}) }, out);
    }
    if (command === 'suggest') return await suggest(paths, { json: args.flag('json'), write: args.flag('write') }, out);
    throw new UsageError(l10n.t('unknown command "{0}".', command));
  } catch (error) {
    if (error instanceof OutputFailed) return 1; // said once, where standard output failed
    if (error instanceof UsageError) {
      out.error(`newsmark ${command}: ${error.message}\n\n${usageOf(command)}`);
      return 2;
    }
    // The commands report each file's failure themselves; whatever still gets here is one line
    // for the user, and the stack only for whoever debugs Newsmark.
    out.error(`newsmark ${command}: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env['NEWSMARK_DEBUG'] === '1' && error instanceof Error && error.stack) out.error(error.stack);
    return 1;
  }
}

/**
 * The command line as a process runs it (./cli.ts, after ./startEarly.ts, whose workers it takes
 * over): its exit code from main, and standard output's failures said once.
 */
export function runCommandLine(earlyPool: ParsePool | undefined): void {
  useLanguageOf(process.env); // this bundle's own @vscode/l10n
  ParsePool.adoptEarly(earlyPool);
  // console.log drops write errors: output lost to a full disk or a closed pipe must not end in exit 0.
  // A closed pipe (`| head`) ends quietly; anything else is said once — every later write fails
  // too, and an error event no one listens to ends the run with a stack trace.
  let outputFailed = false;
  process.stdout.on('error', (error: unknown) => {
    const closed = typeof error === 'object' && error !== null && 'code' in error && error.code === 'EPIPE';
    if (!closed && !outputFailed) console.error(`newsmark: ${describeFileError(l10n.t('standard output'), error, l10n.t('cannot write'))}`);
    outputFailed = true;
    process.exitCode = 1;
  });
  // A failed output outlasts the command's own verdict.
  main(process.argv.slice(2)).then((code) => (process.exitCode = outputFailed ? Math.max(code, 1) : code), (error: unknown) => {
    console.error(`newsmark: ${error instanceof Error ? (process.env['NEWSMARK_DEBUG'] === '1' ? error.stack ?? error.message : error.message) : String(error)}`);
    process.exitCode = 1;
  });
}
