// Re-saving a 10k-tag sidecar: the whole write through the `yaml` Document against the patch of
// the changed entries (src/core/sidecarPatch.ts). Called from bench.ts with its timing helpers.
import { SidecarFile } from '../src/core/sidecar';
import type { Tag } from '../src/core/tag';

interface Timing<T> {
  readonly ms: number;
  readonly runs: number;
  readonly result: T;
}

type Measure = <T>(runs: number, fn: () => T, warmups?: number) => Timing<T>;
type Row = (what: string, timing: Timing<unknown>, targetMs?: number) => void;

export function sidecarSaveRows(yamlText: string, sha: string, measure: Measure, timeRow: Row, runs: number): void {
  const read = SidecarFile.parse(yamlText);
  if (!read.ok) throw new Error('the sidecar did not parse back');
  const parsed = read.sidecar;
  const middle = parsed.tags[parsed.tags.length >> 1] as Tag;
  const oneChanged = parsed.tags.map((t) => (t === middle ? { ...t, note: 'checked against the court filing' } : t));
  const patched = measure(runs, () => parsed.serialize(oneChanged, sha), 3);
  // The patch must say what the whole write says, else its speed means nothing.
  const whole = SidecarFile.parse(parsed.serializeWhole(oneChanged, sha));
  const back = SidecarFile.parse(patched.result);
  if (!whole.ok || !back.ok || JSON.stringify(back.sidecar.tags) !== JSON.stringify(whole.sidecar.tags)) throw new Error('the patched re-save does not read back as the whole write');
  if (patched.result.length === yamlText.length) throw new Error('the changed tag was not written');
  timeRow('YAML re-save of the sidecar, one tag changed (patched)', patched, 50);
  const fewChanged = parsed.tags.map((t, i) => (i % 1000 === 7 ? { ...t, note: 'seen' } : t));
  timeRow('YAML re-save of the sidecar, 10 tags changed (patched)', measure(runs, () => parsed.serialize(fewChanged, sha), 3), 50);
}
