import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCodes, checkTagAttributes, checkTagLabel, CODEBOOK_PRESETS, codebookToYaml, EMPTY_CODEBOOK, parseCodebook } from '../../src/core/codebook/index';

const preset = (id: string) => CODEBOOK_PRESETS.find((p) => p.id === id)!.codebook;

describe('codebook file', () => {
  it('an empty file, or none, is Newsmark with its four plain categories', () => {
    for (const text of ['', '# only a comment\n', '---\n']) {
      const { codebook, problems } = parseCodebook(text);
      assert.deepEqual(codebook, EMPTY_CODEBOOK);
      assert.deepEqual(problems, []);
    }
  });

  it('every preset is written as a file that reads back as the same codebook, without a problem', () => {
    for (const p of CODEBOOK_PRESETS) {
      const text = codebookToYaml(p.codebook);
      const { codebook, problems } = parseCodebook(text);
      assert.deepEqual(problems, [], p.id);
      assert.deepEqual(codebook, p.codebook, p.id);
    }
  });

  it('the SemEval-2020 Task 11 preset spells its 14 techniques as the task does', () => {
    assert.deepEqual(preset('semeval2020').categories.framing.labels.map((l) => l.id).sort(), [
      'Appeal_to_Authority', 'Appeal_to_fear-prejudice', 'Bandwagon,Reductio_ad_hitlerum', 'Black-and-White_Fallacy',
      'Causal_Oversimplification', 'Doubt', 'Exaggeration,Minimisation', 'Flag-Waving', 'Loaded_Language',
      'Name_Calling,Labeling', 'Repetition', 'Slogans', 'Thought-terminating_Cliches', 'Whataboutism,Straw_Men,Red_Herring',
    ]);
  });

  it('the SemEval-2023 Task 3 preset has 23 techniques in 6 groups, each with a definition and a key of its own', () => {
    const labels = preset('semeval2023').categories.framing.labels;
    assert.equal(labels.length, 23);
    const groups = new Map<string, number>();
    for (const l of labels) groups.set(l.group!, (groups.get(l.group!) ?? 0) + 1);
    assert.deepEqual([...groups.values()], [5, 5, 3, 3, 3, 4]);
    assert.ok(labels.every((l) => l.definition && l.definition.length > 20));
    assert.equal(new Set(labels.map((l) => l.key)).size, 23);
  });

  it('the Media Frames preset is a single-choice article code with the 15 frames', () => {
    const [code] = preset('mediaFrames').codes;
    assert.equal(code!.id, 'primary_frame');
    assert.equal(code!.multiple, false);
    assert.equal(code!.values.length, 15);
    assert.ok(code!.values.includes('Security and defense'));
  });

  it('a file that is not YAML gets a message on its line and leaves the four categories', () => {
    const { codebook, problems } = parseCodebook('categories:\n  framing:\n    labels: [a, b\n');
    assert.deepEqual(codebook, EMPTY_CODEBOOK);
    assert.equal(problems.length > 0, true);
    assert.match(problems[0]!.message, /Not valid YAML/);
    assert.ok(problems[0]!.line >= 3, JSON.stringify(problems));
  });

  it('a wrong entry is reported on its own line and the rest of the codebook is kept', () => {
    const text = [
      'categories:', //                1
      '  framing:', //                 2
      '    labels:', //                3
      '      - id: Loaded_Language', // 4
      '        key: l', //             5
      '      - id: Loaded_Language', // 6  duplicate
      '      - name: no id here', //   7  no id
      '      - id: Slogans', //        8
      '        key: sl', //            9  two characters: warning, label kept
      '  opinion:', //                 10 not a category
      '    labels: []', //             11
      'codes:', //                     12
      '  - id: tone', //               13
      '    values: [negative, neutral, positive]', // 14
      '  - id: year', //               15
      '    values: [2020, 2021]', //   16 numbers read as the text written
      '  - id: empty', //              17 no values
    ].join('\n');
    const { codebook, problems } = parseCodebook(text);
    assert.deepEqual(codebook.categories.framing.labels.map((l) => [l.id, l.key]), [['Loaded_Language', 'l'], ['Slogans', undefined]]);
    assert.deepEqual(codebook.codes.map((c) => [c.id, c.values]), [['tone', ['negative', 'neutral', 'positive']], ['year', ['2020', '2021']]]);
    const at = (line: number) => problems.filter((p) => p.line === line).map((p) => p.severity);
    assert.deepEqual(at(6), ['error']);
    assert.deepEqual(at(7), ['error']);
    assert.deepEqual(at(8), ['warning']);
    assert.deepEqual(at(10), ['error']);
    assert.deepEqual(at(17), ['error']);
    assert.equal(problems.length, 5, JSON.stringify(problems));
  });

  it('a value not in the codebook is a warning and is never dropped', () => {
    const book = preset('semeval2020');
    assert.equal(checkTagLabel(book, 'framing', 'Loaded_Language'), undefined);
    assert.match(checkTagLabel(book, 'framing', 'Loaded_language')!.message, /not in the codebook/);
    assert.equal(checkTagLabel(book, 'claim', 'anything'), undefined, 'claims have no sub-labels in this codebook: nothing to check against');
    const frames = preset('mediaFrames');
    assert.deepEqual(checkCodes(frames, { primary_frame: 'Security and defense' }), []);
    assert.deepEqual(checkCodes(frames, { primary_frame: ['Economic', 'Political'] }).map((w) => w.code), ['primary_frame']);
    assert.deepEqual(checkCodes(frames, { primary_frame: 'Sport', tone: 'neutral' }).map((w) => w.code), ['primary_frame', 'tone']);
    const sources = preset('empty');
    assert.deepEqual(checkTagAttributes(sources, 'claim', { source_type: 'expert', speaker: 'anyone at all' }), [], 'an attribute the codebook does not describe is free');
    assert.deepEqual(checkTagAttributes(sources, 'claim', { source_type: 'rumour' }).map((w) => w.name), ['source_type']);
  });
});

describe('codebook schema (yamlValidation)', () => {
  it('accepts every preset as written, and flags a fifth category and a code without values', async () => {
    const { readFileSync } = await import('node:fs');
    const { default: Ajv } = await import('ajv');
    const { parse } = await import('yaml');
    const schema = <object>JSON.parse(readFileSync(new URL('../../schemas/codebook.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    for (const p of CODEBOOK_PRESETS) assert.ok(validate(parse(codebookToYaml(p.codebook))), `${p.id}: ${JSON.stringify(validate.errors)}`);
    assert.equal(validate(parse('categories:\n  opinion:\n    labels: []\n')), false);
    assert.equal(validate(parse('codes:\n  - id: tone\n')), false);
  });
});

describe('codebook on disk', () => {
  it('no file is the plain four categories; an unreadable or non-UTF-8 file is a problem, not a failure', async () => {
    const { MemoryFileSystem } = await import('../../src/core/fs/memoryFileSystem');
    const { loadCodebook, codebookPath } = await import('../../src/core/codebook/index');
    const fs = new MemoryFileSystem();
    await fs.createDirectory('/corpus');
    const path = codebookPath('/corpus/');
    assert.equal(path, '/corpus/newsmark.codebook.yaml');
    assert.deepEqual(await loadCodebook(fs, path), { codebook: EMPTY_CODEBOOK, problems: [], found: false });
    fs.writeRaw(path, new Uint8Array([0x6e, 0x61, 0xff, 0xfe]));
    const bad = await loadCodebook(fs, path);
    assert.deepEqual(bad.codebook, EMPTY_CODEBOOK);
    assert.match(bad.problems[0]!.message, /not UTF-8/);
  });

  it('Create Codebook writes a preset once and never replaces a codebook that is there', async () => {
    const { MemoryFileSystem } = await import('../../src/core/fs/memoryFileSystem');
    const { createCodebook, loadCodebook } = await import('../../src/core/codebook/index');
    const fs = new MemoryFileSystem();
    await fs.createDirectory('/corpus');
    const path = '/corpus/newsmark.codebook.yaml';
    assert.equal(await createCodebook(fs, path, preset('semeval2020')), 'created');
    assert.deepEqual((await loadCodebook(fs, path)).codebook, preset('semeval2020'));
    fs.writeRaw(path, 'codes: []\n# mine\n');
    assert.equal(await createCodebook(fs, path, preset('semeval2023')), 'exists');
    assert.equal(new TextDecoder().decode(await fs.readFile(path)), 'codes: []\n# mine\n');
  });
});

describe('codebook warnings in a sidecar', () => {
  it('a sub-label or code value the codebook does not list is a warning on its own line; known ones are not', async () => {
    const { SidecarFile } = await import('../../src/core/sidecar');
    const { codebookWarnings } = await import('../../src/core/codebook/index');
    const text = [
      'newsmark: 1', //                           1
      'article: a.txt', //                        2
      `sha256: ${'a'.repeat(64)}`, //             3
      'codes:', //                                4
      '  primary_frame: Sports', //               5
      'tags:', //                                 6
      '  - id: "00000001"', //                    7
      '    category: framing', //                 8
      '    label: Loaded_Language', //            9
      '    start: 0', //                          10
      '    end: 1', //                            11
      '    text: a', //                           12
      '  - id: "00000002"', //                    13
      '    category: framing', //                 14
      '    label: Loaded_language', //            15
      '    start: 2', //                          16
      '    end: 3', //                            17
      '    text: b', //                           18
      '',
    ].join('\n');
    const parsed = SidecarFile.parse(text);
    assert.ok(parsed.ok);
    const book = { ...preset('semeval2020'), codes: preset('mediaFrames').codes };
    const warnings = codebookWarnings(book, parsed.sidecar);
    assert.deepEqual(warnings.map((w) => w.line), [15, 5]);
    assert.match(warnings[0]!.message, /Loaded_language/);
    assert.deepEqual(codebookWarnings(EMPTY_CODEBOOK, parsed.sidecar), [], 'without a codebook nothing is warned about');
  });
});
