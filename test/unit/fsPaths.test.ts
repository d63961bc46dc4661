import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { fromNativePath, toNativePath } from '../../src/core/fs/nodeFileSystem';
import { basenamePath, dirnamePath, isUnder, joinPath, lockPathFor, sameBytes, tempPathFor } from '../../src/core/fs/paths';

describe('file-system port paths', () => {
  it('joins, splits and nests POSIX paths', () => {
    assert.equal(joinPath('/a', 'b.txt'), '/a/b.txt');
    assert.equal(joinPath('/', 'b.txt'), '/b.txt');
    assert.equal(dirnamePath('/a/b.txt'), '/a');
    assert.equal(dirnamePath('/b.txt'), '/');
    assert.equal(basenamePath('/a/b.txt'), 'b.txt');
    assert.ok(isUnder('/a/b', '/a'));
    assert.ok(isUnder('/a', '/a'));
    assert.ok(!isUnder('/ab', '/a'));
  });

  it('names the temporary file and the lock beside the target, as NodeFileSystem.writeFileAtomic does', () => {
    assert.match(tempPathFor('/c/a.txt.tags.yaml'), /^\/c\/\.a\.txt\.tags\.yaml\.[0-9a-f]{8}\.tmp$/);
    assert.equal(lockPathFor('/c/a.txt.tags.yaml'), '/c/.a.txt.tags.yaml.lock');
  });

  it('compares bytes', () => {
    assert.ok(sameBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2])));
    assert.ok(!sameBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3])));
    assert.ok(!sameBytes(new Uint8Array([1]), new Uint8Array([1, 2])));
  });

  it('maps port paths to Windows paths and back, and leaves POSIX paths alone', () => {
    assert.equal(toNativePath('/C:/news/a.txt', 'win32'), 'C:\\news\\a.txt');
    assert.equal(fromNativePath('C:\\news\\a.txt', 'win32'), '/C:/news/a.txt');
    assert.equal(fromNativePath('sub\\a.txt', 'win32'), 'sub/a.txt');
    assert.equal(toNativePath('/home/a.txt', 'linux'), '/home/a.txt');
    assert.equal(fromNativePath('/home/a.txt', 'linux'), '/home/a.txt');
  });
});
