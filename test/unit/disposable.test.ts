import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Disposable } from '../../src/extension/shared/disposable';

class Owner extends Disposable {
  readonly log: string[] = [];
  add(name: string, fail = false): void {
    this.register({
      dispose: () => {
        this.log.push(name);
        if (fail) throw new Error(`${name} failed`);
      },
    });
  }
}

describe('Disposable base', () => {
  it('disposes what it registered in reverse order, once however often dispose is called', () => {
    const owner = new Owner();
    owner.add('listener');
    owner.add('command');
    owner.add('status item');
    owner.dispose();
    owner.dispose();
    assert.deepEqual(owner.log, ['status item', 'command', 'listener']);
  });

  it('still disposes the rest when one throws, then reports the error', () => {
    const owner = new Owner();
    owner.add('first');
    owner.add('broken', true);
    owner.add('last');
    assert.throws(() => owner.dispose(), /broken failed/);
    assert.deepEqual(owner.log, ['last', 'broken', 'first']);
  });

  it('disposes at once what is registered after it was disposed', () => {
    const owner = new Owner();
    owner.dispose();
    owner.add('late');
    assert.deepEqual(owner.log, ['late']);
  });
});
