// What the command line does before the rest of it is loaded: dist/cli.js is this and
// ./earlyWorkers.ts alone, and loads the commands (dist/cliMain.js, ./main.ts) after it. Its
// language, its heap's growth, and — for a corpus command that will parse a folder — its parse
// workers, which then start while the commands are loaded and the folders listed (loading and
// compiling the commands' ~1 MB bundle took ~70 ms of that). Nothing here loads YAML or a command.
import { setFlagsFromString } from 'node:v8';
import { startWorkersEarly } from './earlyWorkers';
import { useLanguageOf } from './language';

// V8 lets its heap grow to several times what is live before a full collection. A corpus
// command's live set is small but steady (the cache's index), and the peak of the same
// 100,000-article export ranged from 200 to 360 MB from run to run; growing by half at a time
// it stays near 200 MB, in the same time.
setFlagsFromString('--heap-growing-percent=50');
useLanguageOf(process.env);

/** The workers started, for the commands' bundle to take (ParsePool.adoptEarly). */
export const earlyPool = startWorkersEarly(process.argv.slice(2));
