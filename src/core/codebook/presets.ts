import * as l10n from '@vscode/l10n';
import { EMPTY_CODEBOOK, type ArticleCode, type Codebook, type SubLabel } from './types';

/**
 * The codebooks "Create Codebook…" offers. Label ids are spelled exactly as the data sets'
 * label files spell them (commas and hyphens included), so exports match the tasks' scorers;
 * names and definitions are Newsmark's own short wording.
 */
export interface CodebookPreset {
  readonly id: 'semeval2020' | 'semeval2023' | 'mediaFrames' | 'empty';
  readonly name: string;
  readonly detail: string;
  readonly codebook: Codebook;
}

const label = (id: string, name: string, definition: string, group?: string): SubLabel => ({ id, name, definition, ...(group ? { group } : {}) });

// Names, definitions and groups are translated when a preset is read (this module loads before the
// bundle is set); ids, keys and code values stay as the data sets spell them.

/** SemEval-2020 Task 11 (the Propaganda Techniques Corpus): 14 span-level techniques. */
const semeval2020 = (): readonly SubLabel[] => [
  label('Appeal_to_Authority', l10n.t('Appeal to authority'), l10n.t('A claim is held true because an expert, official or institution is said to back it, not because of evidence.')),
  label('Appeal_to_fear-prejudice', l10n.t('Appeal to fear or prejudice'), l10n.t('Support is sought by stirring alarm about a danger or by playing on a bias against a group.')),
  label('Bandwagon,Reductio_ad_hitlerum', l10n.t('Bandwagon; reductio ad Hitlerum'), l10n.t('Join in because everyone does, or reject something because a hated group is linked to it.')),
  label('Black-and-White_Fallacy', l10n.t('Black-and-white fallacy'), l10n.t('Two options are offered as the only ones when more exist.')),
  label('Causal_Oversimplification', l10n.t('Causal oversimplification'), l10n.t('A complex outcome is put down to a single cause.')),
  label('Doubt', l10n.t('Doubt'), l10n.t('The credibility of a person or body is questioned to weaken what they say.')),
  label('Exaggeration,Minimisation', l10n.t('Exaggeration or minimisation'), l10n.t('Something is made to look larger, worse, smaller or milder than it is.')),
  label('Flag-Waving', l10n.t('Flag-waving'), l10n.t('An idea is tied to patriotism or a group identity to win support.')),
  label('Loaded_Language', l10n.t('Loaded language'), l10n.t('Words chosen for their emotional charge rather than their content.')),
  label('Name_Calling,Labeling', l10n.t('Name calling or labelling'), l10n.t('A person or group is given a label the audience is meant to love or hate.')),
  label('Repetition', l10n.t('Repetition'), l10n.t('The same message is said again and again until it sticks.')),
  label('Slogans', l10n.t('Slogans'), l10n.t('A short, punchy phrase stands in for an argument.')),
  label('Thought-terminating_Cliches', l10n.t('Thought-terminating cliché'), l10n.t('A stock phrase that closes a discussion instead of answering it.')),
  label('Whataboutism,Straw_Men,Red_Herring', l10n.t('Whataboutism, straw man, red herring'), l10n.t('The point is dodged: by pointing at the other side, by attacking a distorted version of it, or by changing the subject.')),
];

/** SemEval-2023 Task 3, subtask 3: 23 techniques in 6 groups. */
function semeval2023(): readonly SubLabel[] {
  const REPUTATION = l10n.t('Attack on reputation');
  const JUSTIFICATION = l10n.t('Justification');
  const SIMPLIFICATION = l10n.t('Simplification');
  const DISTRACTION = l10n.t('Distraction');
  const CALL = l10n.t('Call');
  const WORDING = l10n.t('Manipulative wording');
  return [
    label('Name_Calling-Labeling', l10n.t('Name calling or labelling'), l10n.t('A person or group is given a label the audience is meant to love or hate.'), REPUTATION),
    label('Guilt_by_Association', l10n.t('Guilt by association'), l10n.t('Someone is discredited by linking them to a disliked person, group or idea.'), REPUTATION),
    label('Doubt', l10n.t('Casting doubt'), l10n.t('The character or competence of someone is questioned instead of their argument.'), REPUTATION),
    label('Appeal_to_Hypocrisy', l10n.t('Appeal to hypocrisy'), l10n.t('A target is attacked for inconsistency so that their position looks void.'), REPUTATION),
    label('Questioning_the_Reputation', l10n.t('Questioning the reputation'), l10n.t('Damaging statements about a target\'s character or morals, beside the point at hand.'), REPUTATION),
    label('Flag_Waving', l10n.t('Flag waving'), l10n.t('An idea is tied to pride in a nation or group to win support.'), JUSTIFICATION),
    label('Appeal_to_Authority', l10n.t('Appeal to authority'), l10n.t('A claim is held true because an authority is said to back it.'), JUSTIFICATION),
    label('Appeal_to_Popularity', l10n.t('Appeal to popularity'), l10n.t('A claim is held true because many people supposedly agree.'), JUSTIFICATION),
    label('Appeal_to_Values', l10n.t('Appeal to values'), l10n.t('A position is linked to values the audience holds dear (freedom, tradition, faith).'), JUSTIFICATION),
    label('Appeal_to_Fear-Prejudice', l10n.t('Appeal to fear or prejudice'), l10n.t('Support is sought by stirring alarm or playing on a bias.'), JUSTIFICATION),
    label('Causal_Oversimplification', l10n.t('Causal oversimplification'), l10n.t('A complex outcome is put down to a single cause.'), SIMPLIFICATION),
    label('False_Dilemma-No_Choice', l10n.t('False dilemma or no choice'), l10n.t('Options are cut down to two, or to one that must be taken.'), SIMPLIFICATION),
    label('Consequential_Oversimplification', l10n.t('Consequential oversimplification'), l10n.t('One step is said to lead inevitably to a chain of (usually bad) outcomes.'), SIMPLIFICATION),
    label('Straw_Man', l10n.t('Straw man'), l10n.t('A distorted version of the opposing view is attacked in its place.'), DISTRACTION),
    label('Red_Herring', l10n.t('Red herring'), l10n.t('An unrelated matter is raised to pull attention from the issue.'), DISTRACTION),
    label('Whataboutism', l10n.t('Whataboutism'), l10n.t('A charge is answered by pointing to the accuser\'s own faults.'), DISTRACTION),
    label('Slogans', l10n.t('Slogans'), l10n.t('A short, striking phrase stands in for an argument.'), CALL),
    label('Conversation_Killer', l10n.t('Conversation killer'), l10n.t('A phrase meant to end discussion and discourage critical thought.'), CALL),
    label('Appeal_to_Time', l10n.t('Appeal to time'), l10n.t('Action is demanded now: the moment is presented as the one that counts.'), CALL),
    label('Loaded_Language', l10n.t('Loaded language'), l10n.t('Words chosen for their emotional charge rather than their content.'), WORDING),
    label('Obfuscation-Vagueness-Confusion', l10n.t('Obfuscation, vagueness, confusion'), l10n.t('Deliberately unclear wording that lets the reader read in what suits them.'), WORDING),
    label('Exaggeration-Minimisation', l10n.t('Exaggeration or minimisation'), l10n.t('Something is made to look larger, worse, smaller or milder than it is.'), WORDING),
    label('Repetition', l10n.t('Repetition'), l10n.t('The same word, phrase or idea is repeated to drive it home.'), WORDING),
  ];
}

/** The Media Frames Corpus's 15 primary frames (Card et al.), as an article-level code. */
export const MEDIA_FRAMES: readonly string[] = [
  'Economic',
  'Capacity and resources',
  'Morality',
  'Fairness and equality',
  'Legality, constitutionality and jurisprudence',
  'Policy prescription and evaluation',
  'Crime and punishment',
  'Security and defense',
  'Health and safety',
  'Quality of life',
  'Cultural identity',
  'Public opinion',
  'Political',
  'External regulation and reputation',
  'Other',
];

/** SemEval-2023 Task 3's article-level labels: subtask 2's 14 frames (several per article) and subtask 1's genre, spelled as its files spell them. */
export const SEMEVAL_2023_FRAMES: readonly string[] = [
  'Economic', 'Capacity_and_resources', 'Morality', 'Fairness_and_equality', 'Legality_Constitutionality_and_jurisprudence',
  'Policy_prescription_and_evaluation', 'Crime_and_punishment', 'Security_and_defense', 'Health_and_safety', 'Quality_of_life',
  'Cultural_identity', 'Public_opinion', 'Political', 'External_regulation_and_reputation',
];
export const SEMEVAL_2023_CODES: readonly ArticleCode[] = [
  { id: 'frames', get name() { return l10n.t('Frames (subtask 2)'); }, get definition() { return l10n.t('The frames the article uses, as many as apply.'); }, values: SEMEVAL_2023_FRAMES, multiple: true },
  { id: 'genre', get name() { return l10n.t('Genre (subtask 1)'); }, get definition() { return l10n.t('Whether the piece is opinion, reporting or satire.'); }, values: ['opinion', 'reporting', 'satire'], multiple: false },
];

const PRIMARY_FRAME: ArticleCode = {
  id: 'primary_frame',
  get name() { return l10n.t('Primary frame'); },
  get definition() { return l10n.t('The one frame through which the article mainly presents the issue.'); },
  values: MEDIA_FRAMES,
  multiple: false,
};

/** Keys for the first labels in a list: digits, then letters, so a quick pick can take one key. */
function withKeys(labels: readonly SubLabel[]): SubLabel[] {
  const keys = '123456789abcdefghijklmnopqrstuvwxyz';
  return labels.map((l, i) => (i < keys.length ? { ...l, key: keys[i]! } : l));
}

export const CODEBOOK_PRESETS: readonly CodebookPreset[] = [
  {
    id: 'semeval2020',
    get name() { return l10n.t('SemEval-2020 Task 11: propaganda techniques'); },
    get detail() { return l10n.t('14 techniques as sub-labels of Editorial framing, spelled as in the task\'s label files'); },
    get codebook() { return { name: l10n.t('SemEval-2020 Task 11 propaganda techniques'), categories: { ...EMPTY_CODEBOOK.categories, framing: { labels: withKeys(semeval2020()), attributes: [] } }, codes: [] }; },
  },
  {
    id: 'semeval2023',
    get name() { return l10n.t('SemEval-2023 Task 3: persuasion techniques'); },
    get detail() { return l10n.t('23 techniques in 6 groups as sub-labels of Editorial framing; frames and genre as article codes'); },
    get codebook() { return { name: l10n.t('SemEval-2023 Task 3 persuasion techniques'), categories: { ...EMPTY_CODEBOOK.categories, framing: { labels: withKeys(semeval2023()), attributes: [] } }, codes: SEMEVAL_2023_CODES }; },
  },
  {
    id: 'mediaFrames',
    get name() { return l10n.t('Media Frames Corpus: primary frame'); },
    get detail() { return l10n.t('The 15 frames as an article-level code, primary_frame'); },
    get codebook() { return { name: l10n.t('Media Frames Corpus primary frame'), categories: EMPTY_CODEBOOK.categories, codes: [PRIMARY_FRAME] }; },
  },
  {
    id: 'empty',
    get name() { return l10n.t('Empty skeleton'); },
    get detail() { return l10n.t('The file layout with one example of each part, to fill in'); },
    get codebook() {
      return {
        name: l10n.t('My project'),
        categories: {
          ...EMPTY_CODEBOOK.categories,
          claim: { labels: [{ id: 'check_worthy', name: l10n.t('Check-worthy'), definition: l10n.t('A claim worth the time of a fact-check.'), key: 'c' }], attributes: [{ name: 'source_type', values: ['official', 'expert', 'witness', 'anonymous'] }] },
        },
        codes: [{ id: 'tone', name: l10n.t('Tone'), values: ['negative', 'neutral', 'positive'], multiple: false }],
      };
    },
  },
];
