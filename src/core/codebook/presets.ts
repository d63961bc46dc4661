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

/** SemEval-2020 Task 11 (the Propaganda Techniques Corpus): 14 span-level techniques. */
const SEMEVAL_2020: readonly SubLabel[] = [
  label('Appeal_to_Authority', 'Appeal to authority', 'A claim is held true because an expert, official or institution is said to back it, not because of evidence.'),
  label('Appeal_to_fear-prejudice', 'Appeal to fear or prejudice', 'Support is sought by stirring alarm about a danger or by playing on a bias against a group.'),
  label('Bandwagon,Reductio_ad_hitlerum', 'Bandwagon; reductio ad Hitlerum', 'Join in because everyone does, or reject something because a hated group is linked to it.'),
  label('Black-and-White_Fallacy', 'Black-and-white fallacy', 'Two options are offered as the only ones when more exist.'),
  label('Causal_Oversimplification', 'Causal oversimplification', 'A complex outcome is put down to a single cause.'),
  label('Doubt', 'Doubt', 'The credibility of a person or body is questioned to weaken what they say.'),
  label('Exaggeration,Minimisation', 'Exaggeration or minimisation', 'Something is made to look larger, worse, smaller or milder than it is.'),
  label('Flag-Waving', 'Flag-waving', 'An idea is tied to patriotism or a group identity to win support.'),
  label('Loaded_Language', 'Loaded language', 'Words chosen for their emotional charge rather than their content.'),
  label('Name_Calling,Labeling', 'Name calling or labelling', 'A person or group is given a label the audience is meant to love or hate.'),
  label('Repetition', 'Repetition', 'The same message is said again and again until it sticks.'),
  label('Slogans', 'Slogans', 'A short, punchy phrase stands in for an argument.'),
  label('Thought-terminating_Cliches', 'Thought-terminating cliché', 'A stock phrase that closes a discussion instead of answering it.'),
  label('Whataboutism,Straw_Men,Red_Herring', 'Whataboutism, straw man, red herring', 'The point is dodged: by pointing at the other side, by attacking a distorted version of it, or by changing the subject.'),
];

const REPUTATION = 'Attack on reputation';
const JUSTIFICATION = 'Justification';
const SIMPLIFICATION = 'Simplification';
const DISTRACTION = 'Distraction';
const CALL = 'Call';
const WORDING = 'Manipulative wording';

/** SemEval-2023 Task 3, subtask 3: 23 techniques in 6 groups. */
const SEMEVAL_2023: readonly SubLabel[] = [
  label('Name_Calling-Labeling', 'Name calling or labelling', 'A person or group is given a label the audience is meant to love or hate.', REPUTATION),
  label('Guilt_by_Association', 'Guilt by association', 'Someone is discredited by linking them to a disliked person, group or idea.', REPUTATION),
  label('Doubt', 'Casting doubt', 'The character or competence of someone is questioned instead of their argument.', REPUTATION),
  label('Appeal_to_Hypocrisy', 'Appeal to hypocrisy', 'A target is attacked for inconsistency so that their position looks void.', REPUTATION),
  label('Questioning_the_Reputation', 'Questioning the reputation', 'Damaging statements about a target\'s character or morals, beside the point at hand.', REPUTATION),
  label('Flag_Waving', 'Flag waving', 'An idea is tied to pride in a nation or group to win support.', JUSTIFICATION),
  label('Appeal_to_Authority', 'Appeal to authority', 'A claim is held true because an authority is said to back it.', JUSTIFICATION),
  label('Appeal_to_Popularity', 'Appeal to popularity', 'A claim is held true because many people supposedly agree.', JUSTIFICATION),
  label('Appeal_to_Values', 'Appeal to values', 'A position is linked to values the audience holds dear (freedom, tradition, faith).', JUSTIFICATION),
  label('Appeal_to_Fear-Prejudice', 'Appeal to fear or prejudice', 'Support is sought by stirring alarm or playing on a bias.', JUSTIFICATION),
  label('Causal_Oversimplification', 'Causal oversimplification', 'A complex outcome is put down to a single cause.', SIMPLIFICATION),
  label('False_Dilemma-No_Choice', 'False dilemma or no choice', 'Options are cut down to two, or to one that must be taken.', SIMPLIFICATION),
  label('Consequential_Oversimplification', 'Consequential oversimplification', 'One step is said to lead inevitably to a chain of (usually bad) outcomes.', SIMPLIFICATION),
  label('Straw_Man', 'Straw man', 'A distorted version of the opposing view is attacked in its place.', DISTRACTION),
  label('Red_Herring', 'Red herring', 'An unrelated matter is raised to pull attention from the issue.', DISTRACTION),
  label('Whataboutism', 'Whataboutism', 'A charge is answered by pointing to the accuser\'s own faults.', DISTRACTION),
  label('Slogans', 'Slogans', 'A short, striking phrase stands in for an argument.', CALL),
  label('Conversation_Killer', 'Conversation killer', 'A phrase meant to end discussion and discourage critical thought.', CALL),
  label('Appeal_to_Time', 'Appeal to time', 'Action is demanded now: the moment is presented as the one that counts.', CALL),
  label('Loaded_Language', 'Loaded language', 'Words chosen for their emotional charge rather than their content.', WORDING),
  label('Obfuscation-Vagueness-Confusion', 'Obfuscation, vagueness, confusion', 'Deliberately unclear wording that lets the reader read in what suits them.', WORDING),
  label('Exaggeration-Minimisation', 'Exaggeration or minimisation', 'Something is made to look larger, worse, smaller or milder than it is.', WORDING),
  label('Repetition', 'Repetition', 'The same word, phrase or idea is repeated to drive it home.', WORDING),
];

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
  { id: 'frames', name: 'Frames (subtask 2)', definition: 'The frames the article uses, as many as apply.', values: SEMEVAL_2023_FRAMES, multiple: true },
  { id: 'genre', name: 'Genre (subtask 1)', definition: 'Whether the piece is opinion, reporting or satire.', values: ['opinion', 'reporting', 'satire'], multiple: false },
];

const PRIMARY_FRAME: ArticleCode = {
  id: 'primary_frame',
  name: 'Primary frame',
  definition: 'The one frame through which the article mainly presents the issue.',
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
    name: 'SemEval-2020 Task 11: propaganda techniques',
    detail: '14 techniques as sub-labels of Editorial framing, spelled as in the task\'s label files',
    codebook: { name: 'SemEval-2020 Task 11 propaganda techniques', categories: { ...EMPTY_CODEBOOK.categories, framing: { labels: withKeys(SEMEVAL_2020), attributes: [] } }, codes: [] },
  },
  {
    id: 'semeval2023',
    name: 'SemEval-2023 Task 3: persuasion techniques',
    detail: '23 techniques in 6 groups as sub-labels of Editorial framing; frames and genre as article codes',
    codebook: { name: 'SemEval-2023 Task 3 persuasion techniques', categories: { ...EMPTY_CODEBOOK.categories, framing: { labels: withKeys(SEMEVAL_2023), attributes: [] } }, codes: SEMEVAL_2023_CODES },
  },
  {
    id: 'mediaFrames',
    name: 'Media Frames Corpus: primary frame',
    detail: 'The 15 frames as an article-level code, primary_frame',
    codebook: { name: 'Media Frames Corpus primary frame', categories: EMPTY_CODEBOOK.categories, codes: [PRIMARY_FRAME] },
  },
  {
    id: 'empty',
    name: 'Empty skeleton',
    detail: 'The file layout with one example of each part, to fill in',
    codebook: {
      name: 'My project',
      categories: {
        ...EMPTY_CODEBOOK.categories,
        claim: { labels: [{ id: 'check_worthy', name: 'Check-worthy', definition: 'A claim worth the time of a fact-check.', key: 'c' }], attributes: [{ name: 'source_type', values: ['official', 'expert', 'witness', 'anonymous'] }] },
      },
      codes: [{ id: 'tone', name: 'Tone', values: ['negative', 'neutral', 'positive'], multiple: false }],
    },
  },
];
