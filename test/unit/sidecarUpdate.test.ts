// The guarded update every command-line write goes through (src/core/sidecarUpdate.ts, run by
// SidecarRepository.update), driven through the in-memory file system with what real ones do
// injected: a read refused, another writer landing between our read and our write, a file
// appearing where there was none.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MemoryFileSystem } from '../../src/core/fs/memoryFileSystem';
import { NodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { StaleWriteError, type WriteOptions } from '../../src/core/fs/port';
import { SidecarFile } from '../../src/core/sidecar';
import { updateSidecar } from '../../src/core/sidecarUpdate';
import type { Tag } from '../../src/core/tag';
import { sidecarText, tagOn, TRAM } from './cliCorpus';

const PATH = '/corpus/tram.txt.tags.yaml';
const CLAIM = tagOn(TRAM, 'the new tram line would open in March', 'claim', 'c1a1a1a1');
const FIGURE = tagOn(TRAM, '48 million crowns', 'figure', 'f1f1f1f1');
const FRAMING = tagOn(TRAM, 'reckless gamble', 'framing', 'e1e1e1e1');
const DENIAL = tagOn(TRAM, 'denied that costs had doubled', 'denial', 'd1d1d1d1');

/**
 * The in-memory file system holding the article's folder; `beforeWrite` runs once, at the first
 * write, as another writer would between our read and our write.
 */
class OneSidecar extends MemoryFileSystem {
  writes = 0;
  readError: Error | undefined;
  writeError: Error | undefined;
  constructor(content: Uint8Array | 'missing', private beforeWrite?: (fs: OneSidecar) => void) {
    super();
    this.writeRaw('/corpus/tram.txt', TRAM);
    if (content !== 'missing') this.writeRaw(PATH, content);
  }
  set content(bytes: Uint8Array) {
    this.writeRaw(PATH, bytes);
  }
  override readFile(path: string): Promise<Uint8Array> {
    return this.readError && path === PATH ? Promise.reject(this.readError) : super.readFile(path);
  }
  override async writeFileAtomic(path: string, bytes: Uint8Array, options?: WriteOptions): Promise<void> {
    this.writes++;
    if (this.writeError) throw this.writeError;
    const other = this.beforeWrite;
    this.beforeWrite = undefined;
    other?.(this);
    await super.writeFileAtomic(path, bytes, options);
  }
  async tags(): Promise<readonly Tag[]> {
    const parsed = SidecarFile.parse(new TextDecoder().decode(await this.readFile(PATH)));
    assert.ok(parsed.ok);
    return parsed.sidecar.tags;
  }
}

const bytes = (tags: readonly Tag[]): Uint8Array => new TextEncoder().encode(sidecarText('tram.txt', TRAM, tags));
const adding = (...tags: Tag[]) => ({ sidecarPath: PATH, articleName: 'tram.txt', articleLf: TRAM, create: true, change: (current: readonly Tag[]) => [...current, ...tags] });

describe('updateSidecar: the guarded writer', () => {
  it('refuses a sidecar that is there but cannot be read (EACCES), and never writes', async () => {
    const fs = new OneSidecar(bytes([CLAIM]));
    fs.readError = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const result = await updateSidecar(fs, adding(FRAMING));
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.problem : '', /tram\.txt\.tags\.yaml: the file cannot be read \(EACCES/);
    assert.equal(fs.writes, 0);
  });

  it('merges with another writer that landed between its read and its write: both sides\' new tags are kept', async () => {
    const fs = new OneSidecar(bytes([CLAIM]), (self) => (self.content = bytes([CLAIM, FIGURE])));
    const result = await updateSidecar(fs, adding(FRAMING));
    assert.ok(result.ok && result.written);
    assert.deepEqual((await fs.tags()).map((t) => t.id).sort(), [CLAIM.id, FRAMING.id, FIGURE.id].sort());
    assert.equal(fs.writes, 2, 'refused once, then written after the merge');
  });

  it('keeps the other writer\'s deletion of a tag it did not change', async () => {
    const fs = new OneSidecar(bytes([CLAIM, FIGURE]), (self) => (self.content = bytes([CLAIM])));
    const result = await updateSidecar(fs, adding(FRAMING));
    assert.ok(result.ok);
    assert.deepEqual((await fs.tags()).map((t) => t.id).sort(), [CLAIM.id, FRAMING.id].sort());
  });

  it('never replaces a sidecar that appeared while it was creating one: merges into it', async () => {
    const fs = new OneSidecar('missing', (self) => (self.content = bytes([DENIAL])));
    const result = await updateSidecar(fs, adding(FRAMING));
    assert.ok(result.ok && result.written);
    assert.deepEqual((await fs.tags()).map((t) => t.id).sort(), [DENIAL.id, FRAMING.id].sort());
  });

  it('gives our new tag a new id when the other writer just used the same one', async () => {
    const theirs = { ...FIGURE, id: FRAMING.id };
    const fs = new OneSidecar(bytes([CLAIM]), (self) => (self.content = bytes([CLAIM, theirs])));
    const result = await updateSidecar(fs, adding(FRAMING));
    assert.ok(result.ok);
    const tags = await fs.tags();
    assert.equal(tags.length, 3);
    assert.ok(tags.some((t) => t.category === 'figure' && t.id === FRAMING.id), 'theirs keeps its id');
    assert.ok(tags.some((t) => t.category === 'framing' && t.id !== FRAMING.id), 'ours is there under a new id');
  });

  it('reports a write that fails (a read-only folder) in one line, with the file as it was', async () => {
    const fs = new OneSidecar(bytes([CLAIM]));
    fs.writeError = Object.assign(new Error('EROFS: read-only file system, open'), { code: 'EROFS' });
    const result = await updateSidecar(fs, adding(FRAMING));
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.problem : '', /^\/corpus\/tram\.txt\.tags\.yaml: could not be written \(EROFS/);
    assert.deepEqual((await fs.tags()).map((t) => t.id), [CLAIM.id]);
  });

  it('refuses to create a sidecar when told not to (check --fix)', async () => {
    const fs = new OneSidecar('missing');
    const result = await updateSidecar(fs, { ...adding(FRAMING), create: false });
    assert.equal(result.ok, false);
    assert.equal(fs.writes, 0);
  });
});

describe('NodeFileSystem.writeFileAtomic expecting no file', () => {
  it('does not replace a file that appeared after the read, and leaves no temporary or lock file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsmark-atomic-'));
    const fs = new NodeFileSystem();
    try {
      const path = join(dir, 'a.txt.tags.yaml');
      writeFileSync(path, "a colleague's new sidecar");
      await assert.rejects(fs.writeFileAtomic(path, new TextEncoder().encode('ours'), { expect: 'absent' }), StaleWriteError);
      assert.equal(readFileSync(path, 'utf8'), "a colleague's new sidecar");
      assert.deepEqual(readdirSync(dir), ['a.txt.tags.yaml']);
      const fresh = join(dir, 'b.txt.tags.yaml');
      await fs.writeFileAtomic(fresh, new TextEncoder().encode('ours'), { expect: 'absent' });
      assert.equal(readFileSync(fresh, 'utf8'), 'ours');
      assert.deepEqual(readdirSync(dir).sort(), ['a.txt.tags.yaml', 'b.txt.tags.yaml']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
