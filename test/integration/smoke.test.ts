// Placeholder smoke test: proves the harness runs inside a real VS Code with the extension loaded.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('smoke', () => {
  it('runs inside VS Code', () => {
    assert.equal(typeof vscode.version, 'string');
  });

  it('has the Newsmark extension installed', () => {
    assert.ok(vscode.extensions.getExtension('newsmark.newsmark'), 'extension newsmark.newsmark not found');
  });
});
