// RFC 4180 records, read leniently: CRLF or LF ends a record (spreadsheets save either), quoted
// fields may hold commas, quotes and line breaks. Each record knows the line it starts on, so a
// problem can say where it is.

import * as l10n from '@vscode/l10n';
export interface CsvRecord {
  /** 1-based line of the file the record starts on. */
  readonly line: number;
  readonly fields: string[];
}

/** The records of a CSV text; an unterminated quote ends the reading with a problem. */
export function readCsvRecords(input: string): { records: CsvRecord[]; problems: string[] } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = (): void => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < input.length) {
    const c = input[i]!;
    if (c === '"') {
      const opened = line;
      for (i++; ; i++) {
        if (i >= input.length) return { records, problems: [l10n.t('line {0}: a quoted field is never closed', opened)] };
        if (input[i] === '"') {
          if (input[i + 1] !== '"') break;
          i++;
        } else if (input[i] === '\n') line++;
        field += input[i];
      }
      i++;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      i++;
    } else if (c === '\n' || (c === '\r' && input[i + 1] === '\n')) {
      endRecord();
      i += c === '\r' ? 2 : 1;
      recordLine = ++line;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || fields.length > 0) endRecord();
  return { records, problems: [] };
}

/** RFC 4180: quote a field when it holds a comma, a quote, CR or LF; double the quotes inside. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
