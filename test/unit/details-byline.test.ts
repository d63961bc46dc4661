import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { DETAIL_KEYS } from '../../src/core/details';
import { SidecarFile } from '../../src/core/sidecar';

const SHA = 'b'.repeat(64);

function parse(text: string): SidecarFile {
  const parsed = SidecarFile.parse(text);
  assert.ok(parsed.ok, `should parse: ${JSON.stringify(parsed)}`);
  return parsed.sidecar;
}

test('byline is the fifth detail, written after the headline', () => {
  assert.deepEqual(DETAIL_KEYS, ['outlet', 'url', 'published', 'headline', 'byline']);
  const details = { outlet: 'Valley Courier', headline: 'Clinic waiting lists fall', byline: 'Tomas Ekwueme' };
  const text = SidecarFile.create('clinic.txt', SHA).serialize([], SHA, undefined, undefined, details);
  assert.match(text, /headline: Clinic waiting lists fall\nbyline: Tomas Ekwueme\ntags: \[\]/);
  assert.deepEqual(parse(text).details, details);
});

test('a byline is read by the fast and the thorough reader, and kept when another detail changes', () => {
  const header = 'outlet: Valley Courier\nbyline: "Ann Lee: staff reporter"\n';
  const text = `# kept\nnewsmark: 1\narticle: clinic.txt\nsha256: ${SHA}\n${header}tags: []\n`;
  const fast = parse(text);
  const thorough = parse(text.replace('tags: []', 'extra: &x 1\nagain: *x\ntags: []'));
  assert.equal(fast.details.byline, 'Ann Lee: staff reporter');
  assert.deepEqual(fast.details, thorough.details);
  const changed = parse(fast.serialize([], SHA, undefined, undefined, { ...fast.details, headline: 'Lists fall' }));
  assert.deepEqual(changed.details, { outlet: 'Valley Courier', headline: 'Lists fall', byline: 'Ann Lee: staff reporter' });
  const removed = fast.serialize([], SHA, undefined, undefined, { outlet: 'Valley Courier' });
  assert.doesNotMatch(removed, /byline/);
  assert.match(removed, /^# kept\n/);
});

test('an empty or non-text byline is reported on its line and kept as written', () => {
  const text = `newsmark: 1\narticle: clinic.txt\nsha256: ${SHA}\nbyline: 42\ntags: []\n`;
  const file = parse(text);
  assert.equal(file.details.byline, undefined);
  assert.match(file.detailProblems.map((p) => p.message).join('\n'), /"byline" must be text/);
  assert.equal(file.serialize([], SHA), text);
});

test('the sidecar schema describes byline: text, not empty', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schemas', 'sidecar.schema.json'), 'utf8')) as { properties: Record<string, unknown> };
  assert.deepEqual(schema.properties['byline'], { description: 'Who wrote the article, as the page credits them (e.g. Ann Lee and Dev Okafor).', type: 'string', minLength: 1 });
  const validate = new Ajv({ strict: false }).compile(schema);
  const written = parseYaml(SidecarFile.create('clinic.txt', SHA).serialize([], SHA, undefined, undefined, { byline: 'Ann Lee' })) as Record<string, unknown>;
  assert.equal(written['byline'], 'Ann Lee');
  const file = (byline: unknown): unknown => ({ ...written, byline });
  assert.ok(validate(file('Ann Lee')), JSON.stringify(validate.errors));
  assert.ok(!validate(file('')));
  assert.ok(!validate(file(42)));
});
