import type { CategoryId } from '../../core/codebook';

/** Every command Newsmark contributes. package.json declares the same ids (a unit test checks). */
export const CommandId = {
  tagClaim: 'newsmark.tagClaim',
  tagDenial: 'newsmark.tagDenial',
  tagFigure: 'newsmark.tagFigure',
  tagFraming: 'newsmark.tagFraming',
  tagSelection: 'newsmark.tagSelection',
  removeTag: 'newsmark.removeTag',
  changeCategory: 'newsmark.changeCategory',
  changeSubLabel: 'newsmark.changeSubLabel',
  editNote: 'newsmark.editNote',
  revealTag: 'newsmark.revealTag',
  reattachToSelection: 'newsmark.reattachToSelection',
  acceptReattachment: 'newsmark.acceptReattachment',
  groupByArticle: 'newsmark.groupByArticle',
  groupByCategory: 'newsmark.groupByCategory',
  filterTags: 'newsmark.filterTags',
  filterByText: 'newsmark.filterByText',
  clearFilter: 'newsmark.clearFilter',
  markConfirmed: 'newsmark.markConfirmed',
  markDisputed: 'newsmark.markDisputed',
  markUnreviewed: 'newsmark.markUnreviewed',
  editAttributes: 'newsmark.editAttributes',
  nextTag: 'newsmark.nextTag',
  previousTag: 'newsmark.previousTag',
  nextTagNeedingReview: 'newsmark.nextTagNeedingReview',
  previousTagNeedingReview: 'newsmark.previousTagNeedingReview',
  showTagsView: 'newsmark.showTagsView',
  exportTags: 'newsmark.exportTags',
  createCodebook: 'newsmark.createCodebook',
  setArticleCodes: 'newsmark.setArticleCodes',
  newArticleFromWebPage: 'newsmark.newArticleFromWebPage',
  previewReport: 'newsmark.previewReport',
  suggestTags: 'newsmark.suggestTags',
  acceptSuggestion: 'newsmark.acceptSuggestion',
  rejectSuggestion: 'newsmark.rejectSuggestion',
  revealSuggestion: 'newsmark.revealSuggestion',
  importTags: 'newsmark.importTags',
  refreshTags: 'newsmark.refreshTags',
  keepMine: 'newsmark.keepMine',
  keepTheirs: 'newsmark.keepTheirs',
  deleteTagsToo: 'newsmark.deleteTagsToo',
  locateArticle: 'newsmark.locateArticle',
  editArticleDetails: 'newsmark.editArticleDetails',
  compareOutlets: 'newsmark.compareOutlets',
  showOnlyMyTags: 'newsmark.showOnlyMyTags',
  showAllAuthorsTags: 'newsmark.showAllAuthorsTags',
  agreementReport: 'newsmark.agreementReport',
  compareWithAnnotationSet: 'newsmark.compareWithAnnotationSet',
  stopComparing: 'newsmark.stopComparing',
  takeTheirsDifference: 'newsmark.takeTheirsDifference',
  keepMineDifference: 'newsmark.keepMineDifference',
  keepBothDifference: 'newsmark.keepBothDifference',
  dropBothDifference: 'newsmark.dropBothDifference',
  acceptAllAgreements: 'newsmark.acceptAllAgreements',
  nextDifference: 'newsmark.nextDifference',
  previousDifference: 'newsmark.previousDifference',
  revealDifference: 'newsmark.revealDifference',
  openSampleCorpus: 'newsmark.openSampleCorpus',
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];

export const TAG_AS: Record<CategoryId, CommandId> = {
  claim: CommandId.tagClaim,
  denial: CommandId.tagDenial,
  figure: CommandId.tagFigure,
  framing: CommandId.tagFraming,
};

/** A tag as commands receive it from hovers, the tree and tests. */
export interface TagRef {
  readonly key: string;
  readonly id: string;
}
