/**
 * The words that decide when two figures count the same thing or come from the same source.
 * Both lists are meant to be extended by the user: news desks name things their own way.
 */

import * as l10n from '@vscode/l10n';
/** Canonical word → the words that mean the same for counting (the canonical word included or not). */
export type SynonymList = Readonly<Record<string, readonly string[]>>;

export interface FigureVocabulary {
  /** Counted nouns: troops = soldiers. */
  readonly nouns: SynonymList;
  /** What happened to them: killed = died = lost. The keys are the outcomes recognised. */
  readonly outcomes: SynonymList;
  /** Source families: a figure from "Moscow" and one from "the Kremlin" come from the same side. */
  readonly sources: SynonymList;
}

export const DEFAULT_VOCABULARY: FigureVocabulary = Object.freeze({
  nouns: {
    troops: ['troops', 'soldiers', 'soldier', 'servicemen', 'service members', 'servicemembers', 'personnel'],
    people: ['people', 'persons', 'individuals'],
    civilians: ['civilians', 'non-combatants'],
    votes: ['votes', 'ballots'],
    countries: ['countries', 'nations', 'states', 'member states'],
    refugees: ['refugees'],
    evacuees: ['evacuees', 'evacuated people'],
    households: ['households', 'homes', 'families'],
  },
  outcomes: {
    killed: ['killed', 'died', 'dead', 'lost', 'deaths', 'fatalities', 'killing', 'kills', 'perished', 'losing'],
    wounded: ['wounded', 'injured', 'injuring', 'hurt', 'injuries'],
    missing: ['missing', 'disappeared'],
    captured: ['captured', 'taken prisoner', 'taken captive'],
    arrested: ['arrested', 'detained', 'held'],
    evacuated: ['evacuated', 'evacuating'],
    fled: ['fled', 'displaced', 'fleeing'],
    found: ['found', 'discovered', 'recovered'],
    abstaining: ['abstained', 'abstaining', 'abstain', 'abstentions'],
    'in favour': ['in favour', 'in favor', 'for'],
    against: ['against', 'voted no', 'voted against'],
    casualties: ['casualties', 'losses', 'killed or wounded', 'dead and wounded'],
  },
  sources: {
    Russia: ['russia', 'russian government', 'moscow', 'kremlin', 'russian defence ministry', 'russian defense ministry', 'russian armed forces', 'russian military', 'russian ministry of defence'],
    Ukraine: ['ukraine', 'kyiv', 'kiev', 'ukrainian government', 'ukrainian authorities', 'ukrainian military', 'ukrainian officials'],
    NATO: ['nato'],
    'United Nations': ['united nations', 'un'],
  },
});

/** The defaults with the user's words added; a user's canonical word may be a new one. */
export function extendVocabulary(base: FigureVocabulary, extra: Partial<FigureVocabulary>): FigureVocabulary {
  const merge = (a: SynonymList, b: SynonymList | undefined): SynonymList => {
    const out: Record<string, readonly string[]> = { ...a };
    for (const [key, words] of Object.entries(b ?? {})) out[key] = [...new Set([...(out[key] ?? []), ...words.map((w) => w.toLowerCase())])];
    return out;
  };
  return { nouns: merge(base.nouns, extra.nouns), outcomes: merge(base.outcomes, extra.outcomes), sources: merge(base.sources, extra.sources) };
}

/** Built once per list: the ledger reads thousands of figures with the same vocabulary. */
const indexes = new WeakMap<SynonymList, ReadonlyMap<string, string>>();

/** word (lowercase) → canonical word; the canonical word maps to itself. */
export function synonymIndex(list: SynonymList): ReadonlyMap<string, string> {
  const cached = indexes.get(list);
  if (cached) return cached;
  const index = new Map<string, string>();
  for (const [key, words] of Object.entries(list)) {
    index.set(key.toLowerCase(), key);
    for (const w of words) index.set(w.toLowerCase(), key);
  }
  indexes.set(list, index);
  return index;
}

/** What the user's synonym file or setting holds, checked: the words to add, or why it cannot be used. */
export interface VocabularyExtension {
  /** The sections given, words trimmed; absent when there is any error (a half-read list would group silently wrong). */
  readonly vocabulary?: Partial<FigureVocabulary>;
  /** One line per problem, naming where it is ("nouns.troops[2]: …"); empty when the value is usable. */
  readonly errors: string[];
}

const SECTIONS = ['nouns', 'outcomes', 'sources'] as const;

/**
 * Checks a user's synonyms, `{ nouns: { troops: [servicemen, …] }, outcomes: {…}, sources: {…} }`
 * (each section optional), as read from a YAML or JSON file or a setting. null or undefined is
 * no extension. The CLI's `--synonyms` and the editor's setting share it so that both accept and
 * refuse the same things.
 */
export function parseVocabularyExtension(value: unknown): VocabularyExtension {
  if (value === undefined || value === null) return { vocabulary: {}, errors: [] };
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isRecord(value)) return { errors: [l10n.t('expected a mapping with "nouns", "outcomes" and/or "sources", found {0}.', describe(value))] };
  const errors: string[] = [];
  const vocabulary: { -readonly [K in keyof FigureVocabulary]?: SynonymList } = {};
  for (const key of Object.keys(value)) if (!(SECTIONS as readonly string[]).includes(key)) errors.push(`"${key}": unknown section; the sections are nouns, outcomes and sources.`);
  for (const section of SECTIONS) {
    const list = value[section];
    if (list === undefined || list === null) continue;
    if (!isRecord(list)) {
      errors.push(l10n.t('{0}: expected a mapping of a canonical word to its synonyms, found {1}.', section, describe(list)));
      continue;
    }
    const out: Record<string, readonly string[]> = {};
    for (const [canonical, words] of Object.entries(list)) {
      if (canonical.trim() === '') errors.push(l10n.t('{0}: a canonical word is empty.', section));
      if (!Array.isArray(words)) {
        errors.push(l10n.t('{0}.{1}: expected a list of words, found {2}.', section, canonical, describe(words)));
        continue;
      }
      const good: string[] = [];
      words.forEach((w: unknown, i) => {
        if (typeof w === 'string' && w.trim() !== '') good.push(w.trim().replace(/\s+/g, ' '));
        else errors.push(l10n.t('{0}.{1}[{2}]: expected a word or phrase, found {3}.', section, canonical, i, describe(w)));
      });
      out[canonical.trim()] = good;
    }
    vocabulary[section] = out;
  }
  return errors.length > 0 ? { errors } : { vocabulary, errors };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return l10n.t('a list');
  if (typeof v === 'string') return v.trim() === '' ? l10n.t('an empty string') : l10n.t('the text "{0}"', v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `${typeof v} ${v}`;
  return typeof v === 'object' ? l10n.t('a mapping') : typeof v;
}
