// Checks on a sidecar's source text that its plain values cannot express: how deep it nests and
// how its offsets are written. The fast reader (js-yaml) and the careful one (the yaml package)
// must agree on both, so each check lives here once.
import jsyaml from 'js-yaml';
import { isAlias, isMap, isNode, isScalar, isSeq, Parser, visit, type CST, type Document, type ScalarTag, type YAMLMap } from 'yaml';

/**
 * How many collections deep a sidecar may nest. A tag's attributes sit at depth 4; past this the
 * file is refused before anything recurses into it (10,000 levels overflowed the stack).
 */
export const MAX_DEPTH = 64;

/** An offset as the spec allows it: digits, no sign, no leading zero, no dot, exponent, base or `_`. */
const PLAIN_DECIMAL = /^(0|[1-9][0-9]*)$/;

/** Where a file nests deeper than MAX_DEPTH: the offset of the first collection too deep. */
export function tooDeepAt(text: string): number | undefined {
  // The yaml package's parser keeps its own stack (its composer recurses): walk its tokens
  // with an explicit stack too.
  const stack: { token: CST.Token; depth: number }[] = [];
  try {
    for (const token of new Parser().parse(text)) stack.push({ token, depth: 0 });
  } catch {
    return 0;
  }
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (token.type === 'document') {
      if (token.value) stack.push({ token: token.value, depth });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > MAX_DEPTH) return token.offset;
      for (const item of token.items) {
        if ('key' in item && item.key) stack.push({ token: item.key, depth: depth + 1 });
        if (item.value) stack.push({ token: item.value, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

export const TOO_DEEP_MESSAGE = `Nested more than ${MAX_DEPTH} levels deep (a tag's attributes are 4 levels deep): Newsmark does not read this file and leaves it as it is.`;

/** Set while js-yaml reads, when a number was written in a form an offset may not have. */
let doubtfulNumber = false;
/** The source of the number js-yaml just made, and whether its form is doubtful: its node closes next. */
let justRead: string | undefined;
let justReadDoubtful = false;

function watching(tag: string, type: jsyaml.Type, doubtful: (source: string, value: unknown) => boolean): jsyaml.Type {
  const options = (type as unknown as { options: jsyaml.TypeConstructorOptions }).options;
  return new jsyaml.Type(tag, {
    ...options,
    construct: (data: string) => {
      const value: unknown = options.construct ? options.construct(data) : data;
      justRead = data;
      justReadDoubtful = doubtful(data, value);
      return value;
    },
  });
}

/**
 * PyYAML's (YAML 1.1) implicit int and float forms. PyYAML quotes a string of one of these forms
 * when it writes it, and writes any other bare — `123e4567`, `1e10`, `0019` — which YAML 1.2
 * reads as a number.
 */
const YAML_11_NUMBER = new RegExp('^(?:' + [
  '[-+]?0b[0-1_]+', '[-+]?0[0-7_]+', '[-+]?(?:0|[1-9][0-9_]*)', '[-+]?0x[0-9a-fA-F_]+', '[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+',
  '[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?', '\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?', '[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*',
  '[-+]?\\.(?:inf|Inf|INF)', '\\.(?:nan|NaN|NAN)',
].join('|') + ')$');
/** The core schema's numbers (either reader's), for idNeedsQuotes. */
const YAML_12_NUMBER = /^(?:[-+]?[0-9]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F]+|[-+]?0b[01]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** What else YAML 1.1 reads as other than text. */
const YAML_11_NOT_TEXT = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL|)$/;

/**
 * Whether a bare id that a YAML 1.2 reader took for a number is read as its text: yes unless
 * YAML 1.1 reads a number too — then every reader sees a number (`0012` is 10 to one, 12 to the
 * other) and which id was meant is not certain.
 */
export function idReadAsWritten(source: string): boolean {
  return !YAML_11_NUMBER.test(source);
}

/** Whether an id must be quoted so that YAML 1.1 and 1.2 readers alike read it as text. */
export function idNeedsQuotes(id: string): boolean {
  return YAML_11_NUMBER.test(id) || YAML_11_NOT_TEXT.test(id) || YAML_12_NUMBER.test(id);
}

/** js-yaml's own int and float types, which its typings do not declare. */
const BUILTIN = (jsyaml as unknown as { types?: { int?: jsyaml.Type; float?: jsyaml.Type } }).types;

/**
 * The core schema, noting integers written as `0x10`, `+5`, `-0` and whole floats (`15.0`, `1e20`).
 * Without js-yaml's types to wrap (another version), every file takes the careful path.
 */
const WATCHED_SCHEMA = BUILTIN?.int && BUILTIN.float
  ? jsyaml.CORE_SCHEMA.extend({
    implicit: [
      watching('tag:yaml.org,2002:int', BUILTIN.int, (source) => !/^(0|-?[1-9][0-9]*)$/.test(source)),
      watching('tag:yaml.org,2002:float', BUILTIN.float, (_, value) => typeof value === 'number' && Number.isInteger(value)),
    ],
  })
  : undefined;

/**
 * Whether js-yaml's core schema reads a plain scalar as a number, by its own int and float types,
 * for the scanner (sidecarScan.ts) to agree with loadQuickly; undefined without those types.
 */
export function plainReadsAsNumber(source: string): boolean | undefined {
  if (!BUILTIN?.int || !BUILTIN.float) return undefined;
  return BUILTIN.int.resolve(source) || BUILTIN.float.resolve(source);
}

/** The value js-yaml's float type gives a plain scalar it reads as a float (not an int); else undefined. */
export function plainFloatValue(source: string): number | undefined {
  if (!BUILTIN?.int || !BUILTIN.float || BUILTIN.int.resolve(source) || !BUILTIN.float.resolve(source)) return undefined;
  const value: unknown = BUILTIN.float.construct(source);
  return typeof value === 'number' ? value : undefined;
}

/**
 * js-yaml's plain values, or undefined when the careful path must decide: a syntax error, nesting
 * deeper than MAX_DEPTH, or a whole number not written in plain decimal (only the careful path
 * knows whether it is an offset).
 */
export function loadQuickly(text: string): unknown {
  if (!WATCHED_SCHEMA) return undefined;
  let depth = 0;
  // Which top-level key is being read, and whether the next node in a tags entry is its id's value.
  let topKey: unknown;
  let idValueNext = false;
  doubtfulNumber = false;
  justRead = undefined;
  try {
    const data: unknown = jsyaml.load(text, {
      schema: WATCHED_SCHEMA,
      listener: (event, state) => {
        if (event === 'open') {
          // One 'open' per node: a collection MAX_DEPTH + 1 deep opens at least this deep.
          if (++depth > MAX_DEPTH) throw new Error('too deep');
          if (depth <= 3) idValueNext = false;
          return;
        }
        const number = justRead;
        justRead = undefined;
        // Depth 2: the root's keys and values; depth 4: those of an entry of a top-level list.
        if (depth === 2 && isKey(state)) topKey = state.result;
        else if (depth === 4 && topKey === 'tags') {
          if (isKey(state)) idValueNext = state.result === 'id';
          else {
            if (idValueNext && number !== undefined && idReadAsWritten(number)) {
              // What the node's caller stores: the id as written.
              state.result = number;
              idValueNext = false;
              depth--;
              return;
            }
            idValueNext = false;
          }
        }
        if (number !== undefined && justReadDoubtful) doubtfulNumber = true;
        depth--;
      },
    });
    return doubtfulNumber ? undefined : data;
  } catch {
    return undefined;
  } finally {
    doubtfulNumber = false;
    justRead = undefined;
  }
}

/** A node js-yaml just read is a mapping key when a `:` follows it on its line. */
function isKey(state: jsyaml.State): boolean {
  const input = state.input;
  let at = state.position;
  while (input.charCodeAt(at) === 0x20 || input.charCodeAt(at) === 0x09) at++;
  return input.charCodeAt(at) === 0x3a;
}

/**
 * The careful path's plain values with every offset not written in plain decimal replaced by its
 * source text, so the checks that follow refuse it as they refuse a negative one: `start: 15.0`
 * is a bad entry, not 15.
 */
export function withOffsetsAsWritten(doc: Document, data: unknown): void {
  for (const list of ['tags', 'rejected']) {
    const seq = doc.get(list, true);
    const values = (data as Record<string, unknown> | null)?.[list];
    if (!isSeq(seq) || !Array.isArray(values)) continue;
    seq.items.forEach((item, index) => {
      const entry: unknown = values[index];
      const map = isAlias(item) ? item.resolve(doc) : item;
      if (!isMap(map) || typeof entry !== 'object' || entry === null) return;
      for (const key of ['start', 'end']) {
        const found = map.get(key, true);
        const node = isAlias(found) ? found.resolve(doc) : found;
        if (isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'bigint') && !PLAIN_DECIMAL.test(node.source ?? String(node.value))) {
          (entry as Record<string, unknown>)[key] = node.source ?? String(node.value);
        }
      }
    });
  }
}

/**
 * The careful path's plain values with each tag's id read as written where idReadAsWritten says
 * so, as the fast path reads it: `id: 1e10`, as PyYAML writes it, is the id "1e10".
 */
export function withIdsAsWritten(doc: Document, data: unknown): void {
  const seq = doc.get('tags', true);
  const values = (data as Record<string, unknown> | null)?.['tags'];
  if (!isSeq(seq) || !Array.isArray(values)) return;
  seq.items.forEach((item, index) => {
    const entry: unknown = values[index];
    if (!isMap(item) || typeof entry !== 'object' || entry === null) return;
    const id = entryId(item);
    if (typeof id === 'string') (entry as Record<string, unknown>)['id'] = id;
  });
}

/** A tags entry's id as the readers take it (see withIdsAsWritten); not always a string. */
export function entryId(entry: YAMLMap): unknown {
  const node = entry.get('id', true);
  if (!isScalar(node)) return node;
  const writtenAsText = (typeof node.value === 'number' || typeof node.value === 'bigint') && node.tag === undefined && node.type === 'PLAIN' && node.source !== undefined && idReadAsWritten(node.source);
  return writtenAsText ? node.source : node.value;
}

/** A number as it was written, for an entry that goes back to the file untouched. */
class WrittenNumber {
  constructor(readonly source: string) {}
}

const WRITTEN_NUMBER: ScalarTag = {
  tag: 'tag:newsmark.invalid,2026:written-number',
  default: true, // so no tag is written
  identify: (value) => value instanceof WrittenNumber,
  resolve: (source) => source,
  stringify: (item) => (item.value as WrittenNumber).source,
};

/**
 * Numbers in these nodes are written back as they were written: the yaml package would write
 * `024` as 24, `2.0e+1` as 2e+1 and 2^53 + 1 as 2^53, so an entry "kept verbatim" would not be.
 */
export function keepNumbersAsWritten(doc: Document, nodes: Iterable<unknown>): void {
  if (!doc.schema.tags.includes(WRITTEN_NUMBER)) doc.schema.tags.push(WRITTEN_NUMBER);
  for (const node of nodes) {
    if (!isNode(node)) continue;
    visit(node, {
      Scalar(_, scalar) {
        if ((typeof scalar.value === 'number' || typeof scalar.value === 'bigint') && scalar.source !== undefined && scalar.tag === undefined) scalar.value = new WrittenNumber(scalar.source);
      },
    });
  }
}

/** How YAML writes infinity and not-a-number: the only forms meant as those values. */
const NON_FINITE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/**
 * A number too large for a double (`1e400`) as the text written, in the values the careful reader
 * made (`data`, walked beside the document): js-yaml, and so the fast path and the scanner, read
 * it so, where the yaml package makes Infinity — and the two paths must read a file alike.
 */
export function overflowsAsWritten(node: unknown, value: unknown): unknown {
  if (isScalar(node)) return typeof node.value === 'number' && !Number.isFinite(node.value) && node.source !== undefined && !NON_FINITE.test(node.source) ? node.source : value;
  if (isMap(node) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (key in record) record[key] = overflowsAsWritten(pair.value, record[key]);
    }
  } else if (isSeq(node) && Array.isArray(value)) {
    node.items.forEach((item, i) => {
      value[i] = overflowsAsWritten(item, value[i]);
    });
  }
  return value;
}
