import { sortTags, type RejectedSuggestion, type Tag } from './tag';

/** The same tag changed differently here and on disk: only the analyst can choose. */
export interface TagConflict {
  readonly id: string;
  /** Our version; undefined when we deleted the tag. */
  readonly mine?: Tag;
  /** The version on disk; undefined when it was deleted there. */
  readonly theirs?: Tag;
}

export interface MergeResult {
  /** The merged tags; a conflicted tag appears as ours, or as theirs when we deleted it. */
  readonly tags: Tag[];
  readonly conflicts: TagConflict[];
}

/**
 * Parts of a tag that change together. Two sides that changed different parts of one tag
 * (a note there, a category here) merge without a conflict. Where a tag is counts by its text:
 * offsets differ between article versions, so positions alone are no change of the tag.
 */
const PARTS: readonly (readonly (keyof Tag)[])[] = [
  ['text', 'start', 'end', 'prefix', 'suffix', 'status', 'previousText'],
  ['category', 'label'],
  ['note'],
  ['attributes'],
  ['review', 'reviewer'],
  ['author', 'created'],
];
const COMPARED: ReadonlyMap<readonly (keyof Tag)[], readonly (keyof Tag)[]> = new Map([[PARTS[0]!, ['text', 'status']]]);

/**
 * Three-way merge by tag id. `base` is what we last read from disk, `mine` what we hold now,
 * `theirs` what is on disk now (already placed on the text `mine` describes). Their new tags are
 * added; their deletions apply only to tags we did not change; a tag changed on both sides in
 * the same part, or deleted on one side and changed on the other, is a conflict.
 */
export function mergeTags(base: readonly Tag[], mine: readonly Tag[], theirs: readonly Tag[]): MergeResult {
  const byId = (tags: readonly Tag[]): Map<string, Tag> => new Map(tags.map((t) => [t.id, t]));
  const [b, m, t] = [byId(base), byId(mine), byId(theirs)];
  const tags: Tag[] = [];
  const conflicts: TagConflict[] = [];
  for (const id of new Set([...b.keys(), ...m.keys(), ...t.keys()])) {
    const [was, ours, other] = [b.get(id), m.get(id), t.get(id)];
    if (ours && other) {
      const merged = mergeTag(was, ours, other);
      if (merged) tags.push(merged);
      else {
        tags.push(ours);
        conflicts.push({ id, mine: ours, theirs: other });
      }
    } else if (ours) {
      // Gone from disk: deleted there if we had it before, unless we changed it since.
      if (!was) tags.push(ours);
      else if (changed(was, ours)) {
        tags.push(ours);
        conflicts.push({ id, mine: ours });
      }
    } else if (other) {
      if (!was) tags.push(other); // new there
      else if (changed(was, other)) {
        tags.push(other);
        conflicts.push({ id, theirs: other });
      }
    }
  }
  return { tags: sortTags(tags), conflicts };
}

/** Rejected suggestions from both sides (a rejection is never undone by a merge). */
export function mergeRejected(mine: readonly RejectedSuggestion[], theirs: readonly RejectedSuggestion[]): RejectedSuggestion[] {
  const byKey = new Map<string, RejectedSuggestion>();
  for (const r of [...mine, ...theirs]) {
    const key = `${r.category}\u0000${r.start}\u0000${r.end}\u0000${r.text}`;
    if (!byKey.has(key)) byKey.set(key, r);
  }
  return [...byKey.values()];
}

/** Part by part: whichever side changed a part wins; both changing it differently → undefined. */
function mergeTag(base: Tag | undefined, mine: Tag, theirs: Tag): Tag | undefined {
  let merged: Tag = { ...mine };
  for (const part of PARTS) {
    const ours = !base || differs(part, base, mine);
    const other = !base || differs(part, base, theirs);
    if (!differs(part, mine, theirs)) continue;
    if (ours && other) return undefined;
    if (other) merged = withPart(merged, theirs, part);
  }
  return merged;
}

function changed(a: Tag, b: Tag): boolean {
  return PARTS.some((part) => differs(part, a, b));
}

function differs(part: readonly (keyof Tag)[], a: Tag, b: Tag): boolean {
  return (COMPARED.get(part) ?? part).some((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}

function withPart(tag: Tag, from: Tag, part: readonly (keyof Tag)[]): Tag {
  const result: Record<string, unknown> = { ...tag };
  for (const key of part) {
    if (from[key] === undefined) delete result[key];
    else result[key] = from[key];
  }
  return result as unknown as Tag;
}
