// The guarded writer every command-line write goes through (src/core/sidecarUpdate.ts), driven
// through an in-memory file system that injects what real ones do: a read refused, another
// writer landing between our read and our rename, a file appearing where there was none.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeFileAtomic } from '../../src/core/atomicWrite';
import { SidecarFile } from '../../src/core/sidecar';
import { updateSidecar, type FileRead, type SidecarFs } from '../../src/core/sidecarUpdate';
import type { Tag } from '../../src/core/tag';
import { sidecarText, tagOn, TRAM } from './cliCorpus';

const PATH = '/corpus/tram.txt.tags.yaml';
const CLAIM = tagOn(TRAM, 'the new tram line would open in March', 'claim', 'c1a1a1a1');
const FIGURE = tagOn(TRAM, '48 million crowns', 'figure', 'f1f1f1f1');
const FRAMING = tagOn(TRAM, 'reckless gamble', 'framing', 'e1e1e1e1');
const DENIAL = tagOn(TRAM, 'denied that costs had doubled', 'denial', 'd1d1d1d1');

/** One file in memory; `beforeWrite` runs once, at the first write, as another writer would. */
class MemoryFs implements SidecarFs {
  writes = 0;
  constructor(public content: FileRead, private beforeWrite?: (fs: MemoryFs) => void) {}
  read(): Promise<FileRead> {
    return Promise.resolve(this.content);
  }
  async write(_path: string, text: string, options: { stillCurrent: () => Promise<boolean>; create: boolean }): Promise<boolean> {
    this.writes++;
    const other = this.beforeWrite;
    this.beforeWrite = undefined;
    other?.(this);
    if (options.create && this.content !== 'missing') return false;
    if (!(await options.stillCurrent())) return false;
    this.content = Buffer.from(text);
    return true;
  }
  tags(): readonly Tag[] {
    assert.ok(this.content instanceof Uint8Array);
    const parsed = SidecarFile.parse(Buffer.from(this.content).toString('utf8'));
    assert.ok(parsed.ok);
    return parsed.sidecar.tags;
  }
}

const bytes = (tags: readonly Tag[]): Uint8Array => Buffer.from(sidecarText('tram.txt', TRAM, tags));
const adding = (...tags: Tag[]) => ({ sidecarPath: PATH, articleName: 'tram.txt', articleLf: TRAM, create: true, change: (current: readonly Tag[]) => [...current, ...tags] });

describe('updateSidecar: the guarded writer', () => {
  it('refuses a sidecar that is there but cannot be read (EACCES), and never writes', async () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const fs = new MemoryFs(denied);
    const result = await updateSidecar(fs, adding(FRAMING));
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.problem : '', /tram\.txt\.tags\.yaml: the file cannot be read \(EACCES/);
    assert.equal(fs.writes, 0);
  });

  it('merges with another writer that landed between its read and its write: both sides\' new tags are kept', async () => {
    const fs = new MemoryFs(bytes([CLAIM]), (self) => (self.content = bytes([CLAIM, FIGURE])));
    const result = await updateSidecar(fs, adding(FRAMING));
    assert.ok(result.ok && result.written);
    assert.deepEqual(fs.tags().map((t) => t.id).sort(), [CLAIM.id, FRAMING.id, FIGURE.id].sort());
    assert.equal(fs.writes, 2, 'refused once, then written after the merge');
  });

  it('keeps the other writer\'s deletion of a tag it did not change', async () => {
    const fs = new MemoryFs(bytes([CLAIM, FIGURE]), (self) => (self.content = bytes([CLAIM])));
    const result = await updateSidecar(fs, adding(FRAMING));
    assert.ok(result.ok);
    assert.deepEqual(fs.tags().map((t) => t.id).sort(), [CLAIM.id, FRAMING.id].sort());
  });

  it('never replaces a sidecar that appeared while it was creating one: merges into it', async () => {
    const fs = new MemoryFs('missing', (self) => (self.content = bytes([DENIAL])));
    const result = await updateSidecar(fs, adding(FRAMING));
    assert.ok(result.ok && result.written);
    assert.deepEqual(fs.tags().map((t) => t.id).sort(), [DENIAL.id, FRAMING.id].sort());
  });

  it('gives our new tag a new id when the other writer just used the same one', async () => {
    const theirs = { ...FIGURE, id: FRAMING.id };
    const fs = new MemoryFs(bytes([CLAIM]), (self) => (self.content = bytes([CLAIM, theirs])));
    const result = await updateSidecar(fs, adding(FRAMING));
    assert.ok(result.ok);
    const tags = fs.tags();
    assert.equal(tags.length, 3);
    assert.ok(tags.some((t) => t.category === 'figure' && t.id === FRAMING.id), 'theirs keeps its id');
    assert.ok(tags.some((t) => t.category === 'framing' && t.id !== FRAMING.id), 'ours is there under a new id');
  });

  it('reports a write that fails (a read-only folder) in one line, with the file as it was', async () => {
    const fs = new MemoryFs(bytes([CLAIM]));
    fs.write = () => Promise.reject(Object.assign(new Error('EROFS: read-only file system, open'), { code: 'EROFS' }));
    const result = await updateSidecar(fs, adding(FRAMING));
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.problem : '', /^\/corpus\/tram\.txt\.tags\.yaml: could not be written \(EROFS/);
    assert.deepEqual(fs.tags().map((t) => t.id), [CLAIM.id]);
  });

  it('refuses to create a sidecar when told not to (check --fix)', async () => {
    const fs = new MemoryFs('missing');
    const result = await updateSidecar(fs, { ...adding(FRAMING), create: false });
    assert.equal(result.ok, false);
    assert.equal(fs.writes, 0);
  });
});

describe('writeFileAtomic with create', () => {
  it('does not replace a file that appeared after the read, and leaves no temporary or lock file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsmark-atomic-'));
    try {
      const path = join(dir, 'a.txt.tags.yaml');
      writeFileSync(path, "a colleague's new sidecar");
      assert.equal(await writeFileAtomic(path, 'ours', { create: true }), false);
      assert.equal(readFileSync(path, 'utf8'), "a colleague's new sidecar");
      assert.deepEqual(readdirSync(dir), ['a.txt.tags.yaml']);
      const fresh = join(dir, 'b.txt.tags.yaml');
      assert.equal(await writeFileAtomic(fresh, 'ours', { create: true, stillCurrent: () => Promise.resolve(true) }), true);
      assert.equal(readFileSync(fresh, 'utf8'), 'ours');
      assert.deepEqual(readdirSync(dir).sort(), ['a.txt.tags.yaml', 'b.txt.tags.yaml']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
