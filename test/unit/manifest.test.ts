import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CATEGORIES } from '../../src/core/codebook';
import { CommandId } from '../../src/extension/shared/commandIds';
import { ROWS_WITHOUT_MENUS, TreeItemContext } from '../../src/extension/shared/treeItemContexts';

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

/** Every `viewItem` test in the manifest's when clauses: an exact value (==, !=) or a regex (=~). */
function viewItemClauses(): { where: string; exact?: string; pattern?: RegExp }[] {
  const clauses: { where: string; exact?: string; pattern?: RegExp }[] = [];
  const whens = [
    ...Object.entries(manifest.contributes.menus).flatMap(([menu, items]) => items.map((i) => ({ where: `${menu}: ${i.command ?? i.submenu}`, when: i.when ?? '' }))),
    ...manifest.contributes.keybindings.map((k) => ({ where: `keybinding ${k.command}`, when: k.when ?? '' })),
  ];
  for (const { where, when } of whens) {
    const exact = [...when.matchAll(/\bviewItem\s*(==|!=)\s*([^\s&|)]+)/g)].map((m) => ({ where, exact: m[2]! }));
    const patterns = [...when.matchAll(/\bviewItem\s*=~\s*\/((?:\\.|[^/\\])*)\/([a-z]*)/g)].map((m) => ({ where, pattern: new RegExp(m[1]!, m[2]) }));
    // A form this reader does not know (`viewItem in …`) would otherwise go unchecked.
    assert.equal(exact.length + patterns.length, (when.match(/\bviewItem\b/g) ?? []).length, `${where}: a viewItem test this check cannot read: ${when}`);
    clauses.push(...exact, ...patterns);
  }
  return clauses;
}

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

  it('gives every command a palette entry with a when clause, and every menu item a when clause', () => {
    const palette = manifest.contributes.menus['commandPalette'] ?? [];
    for (const { command } of manifest.contributes.commands) {
      const entries = palette.filter((e) => e.command === command);
      assert.equal(entries.length, 1, `${command}: one commandPalette entry`);
      assert.ok(entries[0]!.when?.trim(), `${command}: its commandPalette entry has a when clause`);
    }
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) assert.ok(item.when?.trim(), `${menu}: ${item.command ?? item.submenu} has a when clause`);
    }
  });

  it('offers the commands that act on the tag under the cursor only on a tag in the palette, and only in a tagged article in the editor context menu', () => {
    const onTag = ['removeTag', 'changeCategory', 'changeSubLabel', 'editNote', 'markConfirmed', 'markDisputed', 'markUnreviewed', 'editAttributes', 'acceptReattachment'];
    const editorMenu = manifest.contributes.menus['newsmark.editorContext'] ?? [];
    const requires = (when: string | undefined, key: string): boolean => (when ?? '').split('&&').map((c) => c.trim()).includes(key);
    for (const name of onTag) {
      const id = `newsmark.${name}`;
      const key = name === 'acceptReattachment' ? 'newsmark.onFuzzyTag' : 'newsmark.onTag';
      const entry = manifest.contributes.menus['commandPalette']!.find((e) => e.command === id);
      assert.ok(requires(entry?.when, key), `${id}: the palette entry requires ${key} (has ${entry?.when})`);
      // A right-click moves the cursor while the menu is built, before newsmark.onTag can follow it.
      for (const item of editorMenu.filter((i) => i.command === id)) assert.ok(requires(item.when, 'newsmark.articleHasTags'), `${id}: the editor menu item requires newsmark.articleHasTags (has ${item.when})`);
    }
  });

  it('names in every viewItem clause a tree item context value of the table, and gives every value a menu or a reason for none', () => {
    const values: readonly string[] = Object.values(TreeItemContext);
    assert.equal(new Set(values).size, values.length, 'each value once');
    const clauses = viewItemClauses();
    assert.ok(clauses.length > 0, 'the Tags view has item menus');
    const matched = new Set<string>();
    for (const { where, exact, pattern } of clauses) {
      const hits = exact !== undefined ? values.filter((v) => v === exact) : values.filter((v) => pattern!.test(v));
      assert.ok(hits.length > 0, `${where}: viewItem ${exact ?? String(pattern)} names no value of TreeItemContext (src/extension/shared/treeItemContexts.ts)`);
      hits.forEach((v) => matched.add(v));
    }
    for (const value of values) {
      const without = ROWS_WITHOUT_MENUS.has(value as TreeItemContext);
      assert.equal(!matched.has(value), without, without ? `${value} has a menu yet is listed in ROWS_WITHOUT_MENUS` : `${value} has no menu and is not listed in ROWS_WITHOUT_MENUS`);
    }
  });

  it('asks for no newer VS Code than the test host (1.100) provides', () => {
    assert.match(manifest.engines.vscode, /^\^1\.(\d|[1-9]\d|100)\.\d+$/);
    assert.equal(manifest.devDependencies['@types/vscode'], '1.100.0');
  });
});
