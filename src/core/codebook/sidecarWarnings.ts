import type { SidecarFile } from '../sidecar';
import { checkCodes, checkTagAttributes, checkTagLabel } from './check';
import type { Codebook } from './types';

export interface ValueWarningAt {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/**
 * A sidecar's sub-labels and article codes the codebook does not list, each on its line: shown
 * as warnings, the values kept (a label brought in from a data set is not wrong, only unknown).
 */
export function codebookWarnings(codebook: Codebook, sidecar: SidecarFile): ValueWarningAt[] {
  const warnings: ValueWarningAt[] = [];
  for (const tag of sidecar.tags) {
    const warning = checkTagLabel(codebook, tag.category, tag.label);
    if (warning) warnings.push({ ...sidecar.positionOfKey(tag.id, 'label'), message: warning.message });
    for (const { name, warning: bad } of checkTagAttributes(codebook, tag.category, tag.attributes)) warnings.push({ ...sidecar.positionOfKey(tag.id, 'attributes', name), message: bad.message });
  }
  for (const { code, warning } of checkCodes(codebook, sidecar.details.codes ?? {})) warnings.push({ ...sidecar.positionOfKey(undefined, 'codes', code), message: warning.message });
  return warnings;
}
