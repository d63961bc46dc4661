// The victim of test/faults/crash.test.ts: bundled with esbuild and run as a plain Node child
// (fast to start, so the test can kill a hundred of them), it writes whole sidecar versions over
// one file with NodeFileSystem.writeFileAtomic, in the order it is given, round and round until it is killed.
//
//   node crashWriter.cjs <sidecar path> <versions dir> <i,j,k,…>
//
// Before each write it prints "W <i>", after it "D <i>", with a synchronous write to fd 1 so a
// line printed is a line the parent reads even when SIGKILL comes right after.
import { readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { NodeFileSystem } from '../../src/core/fs/nodeFileSystem';

async function main(): Promise<void> {
  const [target, versionsDir, orderArg] = process.argv.slice(2);
  if (!target || !versionsDir || !orderArg) throw new Error('usage: crashWriter <sidecar> <versions dir> <i,j,…>');
  const order = orderArg.split(',').map(Number);
  const texts = new Map(order.map((i) => [i, readFileSync(join(versionsDir, `${i}.yaml`))]));
  const fs = new NodeFileSystem();
  for (let n = 0; ; n++) {
    const i = order[n % order.length]!;
    writeSync(1, `W ${i}\n`);
    await fs.writeFileAtomic(target, texts.get(i)!);
    writeSync(1, `D ${i}\n`);
  }
}

main().catch((err: unknown) => {
  writeSync(2, `crashWriter: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
