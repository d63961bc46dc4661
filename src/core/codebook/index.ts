export * from './types';
export { parseCodebook, type ParsedCodebook } from './parse';
export { CODEBOOK_PRESETS, MEDIA_FRAMES, SEMEVAL_2023_CODES, SEMEVAL_2023_FRAMES, type CodebookPreset } from './presets';
export { codebookToYaml } from './write';
export { checkTagAttributes, checkTagLabel, checkCodes, labelOf, type ValueWarning } from './check';
export { codebookPath, createCodebook, loadCodebook } from './load';
export { codebookWarnings, type ValueWarningAt } from './sidecarWarnings';
