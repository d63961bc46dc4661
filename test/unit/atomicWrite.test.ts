import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { NodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { StaleWriteError } from '../../src/core/fs/port';
import { scratchDir } from './scratch';

const fs = new NodeFileSystem();
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('NodeFileSystem.writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file behind', async () => {
    const dir = scratchDir('atomic');
    const path = join(dir, 'a.txt.tags.yaml');
    writeFileSync(path, 'old');
    await fs.writeFileAtomic(path, text('new'));
    assert.equal(readFileSync(path, 'utf8'), 'new');
    assert.deepEqual(readdirSync(dir), ['a.txt.tags.yaml']);
  });

  it('leaves the file alone when it changed under the writer (it no longer holds what was read)', async () => {
    const dir = scratchDir('atomic');
    const path = join(dir, 'a.txt.tags.yaml');
    writeFileSync(path, 'read by us');
    writeFileSync(path, "a colleague's version"); // lands between our read and our rename
    await assert.rejects(fs.writeFileAtomic(path, text('ours'), { expect: { bytes: text('read by us') } }), StaleWriteError);
    assert.equal(readFileSync(path, 'utf8'), "a colleague's version");
    assert.deepEqual(readdirSync(dir), ['a.txt.tags.yaml'], 'the temporary file is removed');
  });
});
