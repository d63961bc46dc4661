import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CATEGORIES } from '../../src/core/codebook';
import { CommandId } from '../../src/extension/shared/commandIds';

interface Manifest {
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  contributes: {
    commands: { command: string; category?: string; title: string }[];
    colors: { id: string; defaults: Record<string, string> }[];
    keybindings: { command: string; key: string; when?: string }[];
    menus: Record<string, { command?: string; submenu?: string; when?: string; group?: string }[]>;
  };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;

describe('package.json contributions', () => {
  it('declares exactly the commands in the command table, each in the Newsmark category', () => {
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(declared, Object.values(CommandId).sort());
    for (const c of manifest.contributes.commands) assert.equal(c.category, 'Newsmark', c.command);
  });

  it('contributes every colour the codebook uses, for dark, light and high contrast', () => {
    const ids = new Set(manifest.contributes.colors.map((c) => c.id));
    for (const category of CATEGORIES) {
      assert.ok(ids.has(category.colorId), category.colorId);
      assert.ok(ids.has(category.rulerColorId), category.rulerColorId);
    }
    for (const color of manifest.contributes.colors) assert.deepEqual(Object.keys(color.defaults).sort(), ['dark', 'highContrast', 'highContrastLight', 'light']);
  });

  it('gives every menu item a when clause or group, and every keybinding a when clause', () => {
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) assert.ok(item.when !== undefined || item.group !== undefined, `${menu}: ${item.command ?? item.submenu}`);
    }
    for (const k of manifest.contributes.keybindings) assert.ok(k.when, k.command);
  });

  it('asks for no newer VS Code than the test host (1.100) provides', () => {
    assert.match(manifest.engines.vscode, /^\^1\.(\d|[1-9]\d|100)\.\d+$/);
    assert.equal(manifest.devDependencies['@types/vscode'], '1.100.0');
  });
});
