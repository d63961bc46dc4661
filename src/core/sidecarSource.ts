// Checks on a sidecar's source text that its plain values cannot express: how deep it nests and
// how its offsets are written. The fast reader (js-yaml) and the careful one (the yaml package)
// must agree on both, so each check lives here once.
import jsyaml from 'js-yaml';
import { isAlias, isMap, isNode, isScalar, isSeq, Parser, visit, type CST, type Document, type ScalarTag } from 'yaml';

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

function watching(tag: string, type: jsyaml.Type, doubtful: (source: string, value: unknown) => boolean): jsyaml.Type {
  const options = (type as unknown as { options: jsyaml.TypeConstructorOptions }).options;
  return new jsyaml.Type(tag, {
    ...options,
    construct: (data: string) => {
      const value: unknown = options.construct ? options.construct(data) : data;
      if (doubtful(data, value)) doubtfulNumber = true;
      return value;
    },
  });
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
 * js-yaml's plain values, or undefined when the careful path must decide: a syntax error, nesting
 * deeper than MAX_DEPTH, or a whole number not written in plain decimal (only the careful path
 * knows whether it is an offset).
 */
export function loadQuickly(text: string): unknown {
  if (!WATCHED_SCHEMA) return undefined;
  let depth = 0;
  doubtfulNumber = false;
  try {
    const data: unknown = jsyaml.load(text, {
      schema: WATCHED_SCHEMA,
      listener: (event) => {
        // One 'open' per node: a collection MAX_DEPTH + 1 deep opens at least this deep.
        depth += event === 'open' ? 1 : -1;
        if (depth > MAX_DEPTH) throw new Error('too deep');
      },
    });
    return doubtfulNumber ? undefined : data;
  } catch {
    return undefined;
  } finally {
    doubtfulNumber = false;
  }
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
