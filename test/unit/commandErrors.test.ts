import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ReadOnlyTagsError } from '../../src/core/tagStore';
import { failureLogEntry, failureNotice, runCommand, type CommandErrorReporter } from '../../src/extension/shared/commandErrors';

function recorder(): CommandErrorReporter & { warnings: string[]; failures: { id: string; error: unknown }[] } {
  const warnings: string[] = [];
  const failures: { id: string; error: unknown }[] = [];
  return { warnings, failures, readOnly: (m) => void warnings.push(m), unexpected: (id, error) => void failures.push({ id, error }) };
}

describe('What a command\'s errors become', () => {
  it('passes on what the command returns, reporting nothing', async () => {
    const reporter = recorder();
    assert.deepEqual(await runCommand('newsmark.tagClaim', () => Promise.resolve(['t1']), reporter), ['t1']);
    assert.equal(await runCommand('newsmark.nextTag', () => 3, reporter), 3);
    assert.deepEqual([reporter.warnings, reporter.failures], [[], []]);
  });

  it('turns an edit refused on a read-only sidecar into a warning with its reason, and does not throw', async () => {
    const reporter = recorder();
    const refused = new ReadOnlyTagsError('file:///a.txt', 'a.txt.tags.yaml:3:7: bad indentation');
    assert.equal(await runCommand('newsmark.markConfirmed', () => Promise.reject(refused), reporter), undefined);
    assert.equal(await runCommand('newsmark.editNote', () => { throw refused; }, reporter), undefined);
    assert.deepEqual(reporter.warnings, [refused.message, refused.message]);
    assert.match(reporter.warnings[0]!, /read-only until its sidecar is fixed: a\.txt\.tags\.yaml:3:7/);
    assert.deepEqual(reporter.failures, []);
  });

  it('reports anything else as a failure of that command, thrown or rejected, and does not throw', async () => {
    const reporter = recorder();
    const bug = new TypeError("Cannot read properties of undefined (reading 'key')");
    assert.equal(await runCommand('newsmark.revealDifference', () => { throw bug; }, reporter), undefined);
    assert.equal(await runCommand('newsmark.exportTags', () => Promise.reject(new Error('disk full')), reporter), undefined);
    assert.deepEqual(reporter.failures.map((f) => f.id), ['newsmark.revealDifference', 'newsmark.exportTags']);
    assert.equal(reporter.failures[0]!.error, bug);
    assert.deepEqual(reporter.warnings, []);
  });

  it('logs the command, the message and the stack; the notice names the command and points to the log', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'key')");
    const entry = failureLogEntry('newsmark.revealDifference', bug);
    assert.match(entry, /^newsmark\.revealDifference failed: Cannot read properties of undefined \(reading 'key'\)\./);
    assert.ok(entry.includes(bug.stack!.split('\n')[1]!), 'the stack, frame by frame');
    assert.equal(failureNotice('newsmark.exportTags', 'disk full'), 'Newsmark: newsmark.exportTags failed: disk full. The Newsmark log has the details.');
  });
});
