import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeFileAtomic } from '../../src/core/atomicWrite';
import { scratchDir } from './scratch';

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file behind', async () => {
    const dir = scratchDir('atomic');
    const path = join(dir, 'a.txt.tags.yaml');
    writeFileSync(path, 'old');
    assert.equal(await writeFileAtomic(path, 'new'), true);
    assert.equal(readFileSync(path, 'utf8'), 'new');
    assert.deepEqual(readdirSync(dir), ['a.txt.tags.yaml']);
  });

  it('leaves the file alone when it changed under the writer (stillCurrent says no)', async () => {
    const dir = scratchDir('atomic');
    const path = join(dir, 'a.txt.tags.yaml');
    writeFileSync(path, 'read by us');
    const stillCurrent = (): Promise<boolean> => Promise.resolve(readFileSync(path, 'utf8') === 'read by us');
    writeFileSync(path, "a colleague's version"); // lands between our read and our rename
    assert.equal(await writeFileAtomic(path, 'ours', { stillCurrent }), false);
    assert.equal(readFileSync(path, 'utf8'), "a colleague's version");
    assert.deepEqual(readdirSync(dir), ['a.txt.tags.yaml'], 'the temporary file is removed');
  });
});
