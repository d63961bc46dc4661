export { extractArticle, MIN_ARTICLE_CHARACTERS, type ExtractOptions, type ExtractResult } from './extract';
export type { PageMeta } from './metadata';
export { articleFileName, DEFAULT_NAME_PATTERN, slugOf, writeIngestedArticle, type WrittenArticle } from './articleFiles';
