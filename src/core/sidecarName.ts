// A sidecar's name beside its article (`peskov.txt` → `peskov.txt.tags.yaml`), apart from the
// sidecar's reader so that code which only names files (the command line's start) loads no YAML.

export const SIDECAR_SUFFIX = '.tags.yaml';

export function sidecarNameFor(articleFileName: string): string {
  return articleFileName + SIDECAR_SUFFIX;
}

export function isSidecarName(fileName: string): boolean {
  return fileName.endsWith(SIDECAR_SUFFIX) && fileName.length > SIDECAR_SUFFIX.length;
}

export function articleNameFor(sidecarFileName: string): string {
  return sidecarFileName.slice(0, -SIDECAR_SUFFIX.length);
}
