// A fresh folder under the system's temporary folder for one test, removed when the test process
// exits, whether its tests passed or failed (node --test runs each file in its own process).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder named newsmark-PREFIX-XXXXXX, removed at exit. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `newsmark-${prefix}-`));
  made.add(dir);
  return dir;
}
