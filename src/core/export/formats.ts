import * as l10n from '@vscode/l10n';
import { bratExporter, bratImporter } from './brat';
import { doccanoExporter, doccanoImporter } from './doccano';
import { htmlExporter } from './html';
import { labelStudioExporter, labelStudioImporter } from './labelStudio';
import { markdownExporter } from './markdown';
import { semevalExporter, semevalImporter } from './semeval';
import { semeval2023Exporter, semeval2023Importer } from './semeval2023';
import { csvExporter, csvImporter, jsonlExporter } from './tabular';
import type { Exporter, Importer, OffsetUnit } from './types';
import { w3cExporter, w3cImporter } from './w3c';

/** Every format Newsmark writes, in the order menus list them. */
export const EXPORTERS: readonly Exporter[] = [
  csvExporter,
  jsonlExporter,
  w3cExporter,
  bratExporter,
  semevalExporter,
  semeval2023Exporter,
  doccanoExporter,
  labelStudioExporter,
  htmlExporter,
  markdownExporter,
];

/** Every format Newsmark reads. */
export const IMPORTERS: readonly Importer[] = [csvImporter, bratImporter, semevalImporter, semeval2023Importer, w3cImporter, doccanoImporter, labelStudioImporter];

export function exporterFor(id: string): Exporter | undefined {
  return EXPORTERS.find((e) => e.id === id);
}

export function importerFor(id: string): Importer | undefined {
  return IMPORTERS.find((i) => i.id === id);
}

/**
 * What a format's offsets count, as a phrase for a pick or a message ("offsets in code points");
 * undefined for the formats made for reading (HTML, Markdown), which have none.
 */
export function offsetsPhrase(unit: OffsetUnit): string | undefined {
  if (unit === 'none') return undefined;
  return unit === 'code points' ? l10n.t('offsets in code points') : l10n.t('offsets in UTF-16 code units');
}
