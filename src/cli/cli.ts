// The `newsmark` command (dist/cli.js): ./startEarly.ts first, then the commands, which the
// build keeps in a bundle of their own (dist/cliMain.js) loaded only after it has run.
import { earlyPool } from './startEarly';
import { runCommandLine } from './main';

runCommandLine(earlyPool);
