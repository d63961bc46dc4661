// Faults only the in-memory file system can produce on demand, driving the same atomic-write
// algorithm the editor's VS Code file system runs.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { MemoryFileSystem, SimulatedCrash } from '../../src/core/fs/memoryFileSystem';
import { StaleWriteError, type FileChange } from '../../src/core/fs/port';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const decode = (b: Uint8Array): string => new TextDecoder().decode(b);
const SIDECAR = '/corpus/a.txt.tags.yaml';

function corpus(watch: ConstructorParameters<typeof MemoryFileSystem>[0] = {}): MemoryFileSystem {
  const fs = new MemoryFileSystem(watch);
  fs.writeRaw(SIDECAR, 'original');
  return fs;
}

describe('MemoryFileSystem faults', () => {
  it('a write torn halfway leaves the target untouched and the torn temporary file behind', async () => {
    const fs = corpus();
    fs.faults.tearNextWrite(SIDECAR, 3);
    await assert.rejects(fs.writeFileAtomic(SIDECAR, text('the new tags')), SimulatedCrash);
    assert.equal(decode(await fs.readFile(SIDECAR)), 'original');
    const names = (await fs.readDirectory('/corpus')).map(([n]) => n);
    const torn = names.filter((n) => n.endsWith('.tmp'));
    assert.equal(torn.length, 1, `left: ${names.join(', ')}`);
    assert.equal(decode(await fs.readFile(`/corpus/${torn[0]}`)), 'the');
    assert.ok(!names.some((n) => n.endsWith('.lock')), 'an unguarded write takes no lock');
    await fs.writeFileAtomic(SIDECAR, text('written after the crash'));
    assert.equal(decode(await fs.readFile(SIDECAR)), 'written after the crash');
  });

  it('a torn create leaves no target at all', async () => {
    const fs = corpus();
    fs.faults.tearNextWrite('/corpus/b.txt.tags.yaml', 0);
    await assert.rejects(fs.writeFileAtomic('/corpus/b.txt.tags.yaml', text('new'), { expect: 'absent' }), SimulatedCrash);
    assert.equal(await fs.stat('/corpus/b.txt.tags.yaml'), undefined);
  });

  it('a Newsmark writer arriving between check and rename waits for the lock, then is refused', async () => {
    const fs = corpus();
    const seen = await fs.readFile(SIDECAR);
    let theirs: Promise<void> | undefined;
    fs.faults.betweenCheckAndRename(SIDECAR, () => {
      theirs = fs.writeFileAtomic(SIDECAR, text('theirs'), { expect: { bytes: seen } });
    });
    await fs.writeFileAtomic(SIDECAR, text('ours'), { expect: { bytes: seen } });
    assert.ok(theirs);
    await assert.rejects(theirs, (e: unknown) => e instanceof StaleWriteError && e.found === 'present');
    assert.equal(decode(await fs.readFile(SIDECAR)), 'ours');
  });

  it('a file created by another program between check and rename makes a create-only write refuse', async () => {
    const fs = new MemoryFileSystem();
    await fs.createDirectory('/corpus');
    fs.faults.betweenCheckAndRename(SIDECAR, () => fs.writeRaw(SIDECAR, 'theirs'));
    await assert.rejects(fs.writeFileAtomic(SIDECAR, text('ours'), { expect: 'absent' }), (e: unknown) => e instanceof StaleWriteError && e.found === 'present');
    assert.equal(decode(await fs.readFile(SIDECAR)), 'theirs');
  });

  it('documents the limit: a program ignoring the lock that rewrites the file after the check is overwritten', async () => {
    // No compare-and-swap exists on workspace.fs or POSIX; the sidecar repository must not promise more.
    const fs = corpus();
    const seen = await fs.readFile(SIDECAR);
    fs.faults.betweenCheckAndRename(SIDECAR, () => fs.writeRaw(SIDECAR, 'git checkout'));
    await fs.writeFileAtomic(SIDECAR, text('ours'), { expect: { bytes: seen } });
    assert.equal(decode(await fs.readFile(SIDECAR)), 'ours');
  });

  it('a guarded write waits while another writer holds the lock', async () => {
    const fs = corpus();
    fs.writeRaw('/corpus/.a.txt.tags.yaml.lock', '');
    let done = false;
    const write = fs.writeFileAtomic(SIDECAR, text('ours'), { expect: { bytes: text('original') } }).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(done, false);
    await fs.delete('/corpus/.a.txt.tags.yaml.lock');
    await write;
    assert.equal(decode(await fs.readFile(SIDECAR)), 'ours');
  });

  it('a read paused mid-way returns the file whole as it was when opened, though a write landed meanwhile', async () => {
    const fs = corpus();
    const paused = fs.faults.pauseNextRead(SIDECAR);
    const reading = fs.readFile(SIDECAR);
    await paused.reached;
    await fs.writeFileAtomic(SIDECAR, text('replaced'));
    paused.release();
    assert.equal(decode(await reading), 'original');
    assert.equal(decode(await fs.readFile(SIDECAR)), 'replaced');
  });
});

describe('MemoryFileSystem watch events', () => {
  it('reports late, each change in order, including the temporary file of an atomic write', async () => {
    const fs = corpus({ delayMs: 20 });
    await fs.watchersIdle();
    const changes: FileChange[] = [];
    fs.watch('/corpus', (c) => changes.push(c));
    await fs.writeFileAtomic(SIDECAR, text('new'));
    assert.equal(changes.length, 0, 'nothing before the delay');
    await fs.watchersIdle();
    const temp = changes[0]?.path ?? '';
    assert.match(temp, /^\/corpus\/\.a\.txt\.tags\.yaml\.[0-9a-f]{8}\.tmp$/);
    assert.deepEqual(changes, [{ kind: 'created', path: temp }, { kind: 'deleted', path: temp }, { kind: 'changed', path: SIDECAR }]);
  });

  it('coalesces as VS Code does: created then deleted is nothing, deleted then created is a change', async () => {
    const fs = corpus({ delayMs: 10, coalesce: true });
    await fs.watchersIdle();
    const changes: FileChange[] = [];
    fs.watch('/corpus', (c) => changes.push(c));
    await fs.writeFileAtomic(SIDECAR, text('new'));
    await fs.delete(SIDECAR);
    fs.writeRaw(SIDECAR, 'back');
    fs.writeRaw('/corpus/b.txt', 'b');
    fs.writeRaw('/corpus/b.txt', 'b2');
    await fs.watchersIdle();
    assert.deepEqual(changes, [{ kind: 'changed', path: SIDECAR }, { kind: 'created', path: '/corpus/b.txt' }]);
  });

  it('tells only the watchers of the folder changed, and none once disposed', async () => {
    const fs = corpus();
    await fs.watchersIdle();
    const inside: FileChange[] = [];
    const elsewhere: FileChange[] = [];
    const watcher = fs.watch('/corpus', (c) => inside.push(c));
    fs.watch('/other', (c) => elsewhere.push(c));
    fs.writeRaw(SIDECAR, 'one');
    await fs.watchersIdle();
    watcher.dispose();
    fs.writeRaw(SIDECAR, 'two');
    await fs.watchersIdle();
    assert.deepEqual(inside, [{ kind: 'changed', path: SIDECAR }]);
    assert.deepEqual(elsewhere, []);
  });
});
