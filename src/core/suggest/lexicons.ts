import type { Lexicons } from './types';

/** Splits a whitespace-separated list; entries of several words are joined by `_`. */
function words(list: string): string[] {
  return list
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/_/g, ' '));
}

/** Verbs of saying, every common inflection, plus `according to`. */
const SPEECH_VERBS = words(`
  say says said saying tell tells told telling
  claim claims claimed claiming admit admits admitted admitting
  acknowledge acknowledges acknowledged acknowledging insist insists insisted insisting
  stated announce announces announced announcing add adds added adding
  warn warns warned warning concede concedes conceded conceding
  confirm confirms confirmed confirming argue argues argued arguing
  assert asserts asserted asserting maintain maintains maintained maintaining
  allege alleges alleged alleging contend contends contended contending
  explain explains explained explaining note notes noted noting
  remark remarks remarked observed reported revealed reveals revealing
  disclosed discloses declared declares declaring estimated estimating
  suggested suggests suggesting indicated indicates indicating
  wrote writes tweeted posted replied replies responded answered countered
  repeated repeats emphasised emphasized emphasises emphasizes stressed stresses
  boasted boasts complained complains recalled recalls testified testifies
  assured assures promised promises vowed vows pledged pledges predicted predicts
  continued conceded informed briefed cautioned caution cautions
  according_to in_the_words_of
`);

/** Denial and rejection: verbs, nouns and the phrases sources use to deny. */
const DENIALS = words(`
  deny denies denied denying denial denials
  reject rejects rejected rejecting rejection
  dismiss dismisses dismissed dismissing dismissal
  refuse refuses refused refusing refusal
  refute refutes refuted refuting refutation rebut rebuts rebutted rebuttal
  rebuff rebuffs rebuffed repudiate repudiates repudiated repudiation
  disavow disavows disavowed disown disowns disowned
  brushed_aside brushed_off pushed_back played_down shrugged_off waved_away
  not_true untrue fake fakes fake_news false falsehood falsehoods
  baseless groundless unfounded nonsense rubbish absurd
  wrong_understanding nothing_else nothing_more no_evidence no_proof no_truth no_basis
  never_happened did_not_happen didn't_happen not_real not_the_case
  categorically fabricated fabrication fabrications hoax staged well-staged
  insinuation insinuations provocation disinformation misinformation
  lies slander smear without_foundation nothing_to_do_with
`);

/** Labels that colour the one they name. */
const LOADED_LABELS = words(`
  mouthpiece mouthpieces propaganda propagandist propagandists regime regimes
  puppet puppets henchman henchmen stooge stooges crony cronies thug thugs so-called
  junta despot despots dictator dictators tyrant tyrants warmonger warmongers
  lackey lackeys apparatchik apparatchiks minion minions goon goons shill shills
  spin_doctor spin_doctors cabal zealot zealots fanatic fanatics agitator agitators
  firebrand strongman autocrat autocrats kleptocrat kleptocrats kleptocracy
  war_machine killing_machine sham charade farce whitewash cover-up witch_hunt
  smear_campaign lapdog attack_dog useful_idiots
`);

/** Adjectives that judge rather than describe. */
const EVALUATIVE_ADJECTIVES = words(`
  stunning remarkable horrific shocking staggering brutal extraordinary devastating
  humiliating disastrous unprecedented catastrophic chilling bombshell
  astonishing astounding appalling outrageous shameful disgraceful scandalous egregious
  ridiculous farcical grotesque sickening harrowing heartbreaking dramatic explosive
  sensational damning embarrassing crushing crippling colossal monumental seismic
  dire grim bleak dismal terrifying horrifying horrendous heinous barbaric savage
  vicious ruthless murderous cowardly heroic valiant defiant brazen blatant flagrant
  shameless bizarre unhinged deranged desperate pathetic laughable abject
  jaw-dropping eye-watering mind-boggling unbelievable incredible alarming disturbing
  ominous sinister nefarious notorious infamous vile evil hateful reckless draconian
  breathtaking blistering scathing withering fiery stark veiled unapologetic
  spectacular miserable tragic
`);

/** Intensifiers and evaluative adverbs. */
const INTENSIFIERS = words(`
  extraordinarily valiantly brazenly shamelessly desperately incredibly utterly blatantly
  finally astonishingly remarkably shockingly staggeringly stunningly outrageously absurdly
  ridiculously laughably pathetically woefully hopelessly disastrously catastrophically
  spectacularly grotesquely cynically callously ruthlessly brutally viciously mercilessly
  recklessly cravenly heroically bravely courageously defiantly bizarrely tellingly
  conveniently predictably notoriously infamously egregiously flagrantly clearly obviously
  undeniably unashamedly unapologetically frantically feverishly wildly massively truly
  breathtakingly appallingly horrifically dramatically
`);

/** Written numbers and quantity words. */
const NUMBER_WORDS = words(`
  one two three four five six seven eight nine ten eleven twelve thirteen fourteen
  fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
  eighty ninety hundred hundreds thousand thousands million millions billion billions
  trillion trillions dozen dozens score scores tens half a_half a_third a_quarter
  one_third one_quarter thirds quarters
`);

export const DEFAULT_LEXICONS: Lexicons = Object.freeze({
  speechVerbs: Object.freeze(SPEECH_VERBS),
  denials: Object.freeze(DENIALS),
  loadedLabels: Object.freeze(LOADED_LABELS),
  evaluativeAdjectives: Object.freeze(EVALUATIVE_ADJECTIVES),
  intensifiers: Object.freeze(INTENSIFIERS),
  numberWords: Object.freeze(NUMBER_WORDS),
});

/** The lists, in a fixed order. */
export const LEXICON_KEYS: readonly (keyof Lexicons)[] = [
  'speechVerbs',
  'denials',
  'loadedLabels',
  'evaluativeAdjectives',
  'intensifiers',
  'numberWords',
];

/** The base lists plus the user's words; duplicates (ignoring case and spacing) are dropped. */
export function mergeLexicons(base: Lexicons, extra: Partial<Lexicons>): Lexicons {
  const merged = {} as Record<keyof Lexicons, readonly string[]>;
  for (const key of LEXICON_KEYS) {
    const more = extra[key];
    if (!more || more.length === 0) {
      merged[key] = base[key];
      continue;
    }
    const seen = new Set<string>();
    const out: string[] = [];
    for (const raw of [...base[key], ...more]) {
      const entry = raw.trim().replace(/\s+/g, ' ');
      const folded = entry.toLowerCase().replace(/’/g, "'");
      if (entry === '' || seen.has(folded)) continue;
      seen.add(folded);
      out.push(entry);
    }
    merged[key] = out;
  }
  return merged;
}
