import type { Tag } from '../tag';

/**
 * Spans already given to a tag. Two tags with the same category and text never land on
 * overlapping spans unless they were on the same span to begin with: when one of two identical
 * passages goes, its tag is orphaned rather than doubled onto the survivor.
 *
 * Kept in order of position rather than by text: a clash needs an overlap, so only the few
 * claims around a span are looked at, and the look-up is arithmetic where a map keyed by the
 * text hashed and grew with every one of ten thousand tags. Claims arrive nearly in text order,
 * so adding one is almost always an append.
 */
export class Claims {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly owners: Tag[] = [];
  /** The longest claim so far: nothing starting further back than this can reach a span. */
  private longest = 0;

  add(start: number, end: number, tag: Tag): void {
    let at = this.starts.length;
    if (at > 0 && (this.starts[at - 1] as number) > start) {
      at = this.firstStartAbove(start);
      this.starts.splice(at, 0, start);
      this.ends.splice(at, 0, end);
      this.owners.splice(at, 0, tag);
    } else {
      this.starts.push(start);
      this.ends.push(end);
      this.owners.push(tag);
    }
    if (end - start > this.longest) this.longest = end - start;
  }

  isFree(start: number, end: number, tag: Tag): boolean {
    const count = this.starts.length;
    for (let i = this.firstStartAbove(start - this.longest - 1); i < count && (this.starts[i] as number) < end; i++) {
      if ((this.ends[i] as number) <= start) continue;
      const owner = this.owners[i] as Tag;
      if (owner.text === tag.text && owner.category === tag.category && (owner.start !== tag.start || owner.end !== tag.end)) return false;
    }
    return true;
  }

  /** Index of the first claim starting after `position`. */
  private firstStartAbove(position: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.starts[mid] as number) <= position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
