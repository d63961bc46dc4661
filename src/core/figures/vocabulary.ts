/**
 * The words that decide when two figures count the same thing or come from the same source.
 * Both lists are meant to be extended by the user: news desks name things their own way.
 */

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
