// The CLI's parse cache would go into the corpus a test runs it on (samples/ among them): tests
// write only under temporary folders, so it goes to one of its own unless a test says otherwise
// (cli-cache.test.ts). Imported for this effect by every test that runs the CLI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (process.env['NEWSMARK_CACHE_DIR'] === undefined) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'newsmark-cache-'));
  process.env['NEWSMARK_CACHE_DIR'] = cacheDir;
  process.on('exit', () => rmSync(cacheDir, { recursive: true, force: true }));
}
