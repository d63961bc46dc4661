import type { TagStore } from '../../core/tagStore';
import type { CodebookService } from '../codebook/codebookService';
import type { SidecarStorage } from '../storage/sidecarStorage';
import type { TagLens } from './tagLens';

/** What every feature folder's register() is given: the store, its sidecars, and the lens the views read it through. */
export interface Services {
  readonly store: TagStore;
  readonly storage: SidecarStorage;
  /** Show Only My Tags: every view reads the store through this one lens. */
  readonly lens: TagLens;
  /** The workspace's codebook: sub-labels, attributes, article codes (empty without a file). */
  readonly codebook: CodebookService;
}
