// The walkthrough's steps tick on what the analyst did: each waits for a context key the extension
// sets once the step's action is done (never on onCommand, which a cancelled command fires too).
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..');

/** Every TypeScript file under src/extension, as text. */
function extensionSources(): string {
  return (readdirSync(join(ROOT, 'src', 'extension'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(ROOT, 'src', 'extension', f), 'utf8'))
    .join('\n');
}

describe('walkthrough steps', () => {
  it('each step waits for a context key the extension sets, never for a command to start', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { walkthroughs: { steps: { id: string; completionEvents?: string[] }[] }[] } };
    const steps = manifest.contributes.walkthroughs.flatMap((w) => w.steps);
    assert.equal(steps.length, 6);
    const sources = extensionSources();
    // The table's keys (src/extension/shared/contextKeys.ts), read from its text: it imports vscode.
    const table = new Map([...readFileSync(join(ROOT, 'src', 'extension', 'shared', 'contextKeys.ts'), 'utf8').matchAll(/(\w+): new (?:ContextKey<[^>]*>|PulseKey)\('([^']+)'\)/g)].map((m) => [m[2]!, m[1]!]));
    for (const step of steps) {
      const events = step.completionEvents ?? [];
      assert.ok(events.length > 0, `${step.id} is ticked by something`);
      for (const event of events) {
        assert.match(event, /^onContext:/, `${step.id}: ${event}`);
        const name = event.slice('onContext:'.length);
        // A key of the table that something pulses, or one a feature keeps itself.
        const entry = table.get(name);
        const set = entry !== undefined ? sources.includes(`ContextKeys.${entry}.pulse()`) : sources.includes(`new ContextKey<boolean>('${name}')`);
        assert.ok(set, `${step.id} waits for ${name}, which nothing sets`);
      }
    }
  });
});
