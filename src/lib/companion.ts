/**
 * Isomorphic: the object companion's prompt. The reader picks an object on the page, a goal, a
 * comfort level, a style and a task; this module turns those and what the page knows (its summary,
 * the object's TeX and symbols, the prerequisites the reader has or has not marked as known, the
 * claim boundary, the demo's state, the reader's last prediction) into one prompt for the reader's
 * own AI assistant. No model runs here: the reader copies the prompt.
 *
 * The build writes each page's context as JSON; the island adds what only the browser knows
 * (progress, predictions, the demo's state) and calls `companionPrompt`.
 */
import { parseStoredJson, z } from './stored-json';

export const GOALS = {
  understand: 'understand the idea',
  implement: 'implement it in code',
  teach: 'teach it to others',
  review: 'review it for correctness',
} as const;
export const COMFORT = {
  new: 'new to this',
  some: 'some background',
  expert: 'expert',
} as const;
export const STYLES = {
  visual: 'visual first (pictures and geometry before symbols)',
  math: 'math first (definitions and derivations, then intuition)',
  code: 'code first (a short NumPy program, then the math it mirrors)',
} as const;

/** What the reader asks for; each becomes one instruction. */
export const TASKS = {
  explain: {
    label: 'Explain',
    ask: 'Explain the selected object at my level and in my style: what it is, why it has this form, and what would break if it were different.',
  },
  quiz: {
    label: 'Quiz me',
    ask: 'Quiz me on the selected object: ask three questions, one at a time, waiting for my answer before the next; make the last one a prediction I can check on the page. Then tell me which part I have not yet understood.',
  },
  connect: {
    label: 'Connect',
    ask: 'Connect the selected object to the atlas: what each prerequisite above contributes to it, and where the idea is used next. Point out the one link I am most likely missing, given what I have not marked as known.',
  },
  debug: {
    label: 'Debug',
    ask: 'Help me debug: first ask me what I expected and what I saw (in my code, the witness or the demo), then find the first step where the two part, using the equation and symbols above.',
  },
  'map-claim': {
    label: 'Map a claim',
    ask: 'Help me map a claim onto this page: I will paste a sentence from a paper or model report next. Tell me which symbols and assumptions of the selected object it relies on, whether the claim boundary above covers it, and what I would have to check that this page does not show.',
  },
  'check-caveat': {
    label: 'Check a caveat',
    ask: 'Check the caveats of the selected object: for each item the claim boundary lists as not shown here, say how it could change the conclusion at real scale and what evidence would settle it. Separate what is established from what is your judgement.',
  },
  'plan-path': {
    label: 'Plan my path',
    ask: 'Plan my path to the selected object: from the prerequisites I have and have not marked as known, give at most five steps in order, each naming an atlas page and the one thing to do there.',
  },
} as const;

export type Goal = keyof typeof GOALS;
export type Comfort = keyof typeof COMFORT;
export type Style = keyof typeof STYLES;
export type Task = keyof typeof TASKS;

export interface CompanionProfile {
  goal: Goal;
  comfort: Comfort;
  style: Style;
}
export const DEFAULT_PROFILE: CompanionProfile = { goal: 'understand', comfort: 'new', style: 'visual' };

/** One thing on the page the reader can ask about. */
export interface CompanionObject {
  /** Stable id, e.g. "kv-cache#demo"; unique on the page. */
  id: string;
  /** What the picker shows, e.g. "The demo". */
  label: string;
  /** A sentence or two saying what the object is or contains. */
  text?: string;
  /** TeX of a displayed equation. */
  tex?: string;
  /** The symbols the object uses: TeX and meaning. */
  symbols?: { tex: string; meaning: string }[];
  /** Set on objects the browser adds (the reader's notes, a mapper result): the picker's group heading. */
  group?: string;
}

/** Everything the build knows about a page, written into it as JSON. */
export interface PageContext {
  kind: 'notebook' | 'planned notebook' | 'lab' | 'mapper' | 'home';
  title: string;
  /** Absolute or site-relative address of the page. */
  url: string;
  summary: string;
  objects: CompanionObject[];
  prerequisites: { slug: string; title: string; why: string }[];
  claimBoundary?: { shown: string[]; sourced: { claim: string; source: string }[]; notShown: string[] };
  discussion?: string[];
  /** Where the page leads, e.g. the next question. */
  next?: string;
  /** The home page's map of the atlas, for the path prompt. */
  atlas?: AtlasOutline;
}

export interface AtlasOutline {
  url: string;
  tracks: { title: string; url: string; steps: number; about: string }[];
  domains: string[];
}

/** What only the browser knows. */
export interface ReaderState {
  known: ReadonlySet<string>;
  /** The demo's state in words, e.g. from its URL hash. */
  demoState?: string;
  /** The reader's newest prediction on the page; confidence in percent, where the page asks for it. */
  lastPrediction?: { question: string; answer: string; correct: boolean; confidence?: number };
}

const MAX_TEXT = 2000;
const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)} […]` : text);
const bullets = (items: readonly string[]) => items.map((i) => `- ${clip(i)}`).join('\n');

export function companionPrompt(
  page: PageContext,
  objectId: string,
  profile: CompanionProfile,
  task: Task,
  reader: ReaderState,
): string {
  const object = page.objects.find((o) => o.id === objectId) ?? page.objects[0];
  const parts: string[] = [
    `You are my learning companion for Continuous Function, a learning atlas of modern machine learning where each concept has an intuition, the math, a runnable NumPy witness and an interactive demo. I am on the ${page.kind} "${page.title}" (${page.url}).`,
  ];

  const looking: string[] = [`What the page says: ${clip(page.summary)}`];
  if (object) {
    looking.push(`The object I selected: ${object.label}.${object.text ? ` ${clip(object.text)}` : ''}`);
    if (object.tex) looking.push(`Its equation, in TeX:\n$$${object.tex}$$`);
    if (object.symbols && object.symbols.length > 0)
      looking.push(`Its symbols:\n${bullets(object.symbols.map((s) => `$${s.tex}$: ${s.meaning}`))}`);
  }
  if (reader.demoState) looking.push(`The demo's current state: ${clip(reader.demoState)}`);
  parts.push(`## What I am looking at\n${looking.join('\n\n')}`);

  const stand = [
    `- My goal: ${GOALS[profile.goal]}.`,
    `- My comfort with this: ${COMFORT[profile.comfort]}.`,
    `- How I like explanations: ${STYLES[profile.style]}.`,
  ];
  const known = page.prerequisites.filter((p) => reader.known.has(p.slug));
  const unknown = page.prerequisites.filter((p) => !reader.known.has(p.slug));
  if (page.prerequisites.length === 0) stand.push('- The page lists no prerequisites.');
  if (known.length > 0) stand.push(`- Prerequisites I have marked as known: ${known.map((p) => p.title).join(', ')}.`);
  if (unknown.length > 0)
    stand.push(
      `- Prerequisites I have not marked as known, and what the page uses from each:\n${unknown
        .map((p) => `  - ${p.title}: ${p.why}`)
        .join('\n')}`,
    );
  if (reader.lastPrediction) {
    const p = reader.lastPrediction;
    stand.push(
      `- My last prediction on this page: "${clip(p.question)}" I answered ${p.answer}${p.confidence === undefined ? '' : ` with ${p.confidence}% confidence`}, and it was ${p.correct ? 'right' : 'wrong'}.`,
    );
  }
  parts.push(`## Where I stand\n${stand.join('\n')}`);

  const cb = page.claimBoundary;
  if (cb) {
    const lines = [
      `Shown by the toy witness or demo on the page:\n${bullets(cb.shown)}`,
      ...(cb.sourced.length > 0
        ? [`Backed by sources, not by the page's own toy:\n${bullets(cb.sourced.map((c) => `${c.claim} (${c.source})`))}`]
        : []),
      `Not shown here (needs scale, sources or expert review):\n${bullets(cb.notShown)}`,
    ];
    parts.push(`## How far the page's claims go (its claim boundary)\n${lines.join('\n\n')}`);
  }
  if (page.discussion && page.discussion.length > 0)
    parts.push(`## The page's discussion prompts\n${bullets(page.discussion)}`);

  parts.push(`## My request\n${TASKS[task].ask}`);
  parts.push(
    [
      '## How to answer',
      '- Build intuition before notation, and name each symbol before you use it.',
      cb
        ? '- If anything you say goes beyond the claim boundary above, flag it as outside what this page shows.'
        : '- Say plainly which of your statements are established results and which are your judgement.',
      '- Ask one clarifying question only if you cannot answer well without it.',
      `- End with one thing I should try on the page${page.next ? ` (or the next step it suggests: ${page.next})` : ''}.`,
    ].join('\n'),
  );
  return parts.join('\n\n');
}

/** The home page's prompt: five questions to place the reader, then a path through the atlas. */
export function pathPrompt(atlas: AtlasOutline, profile: CompanionProfile): string {
  return [
    `You are my learning companion for Continuous Function (${atlas.url}), a learning atlas of modern machine learning: concept notebooks with an intuition, the math, a runnable NumPy witness and an interactive demo, linked by prerequisites.`,
    `## Its curated tracks\n${bullets(atlas.tracks.map((t) => `${t.title} (${t.steps} steps, ${t.url}): ${t.about}`))}`,
    `## Its domains\n${atlas.domains.join(', ')}.`,
    [
      '## Where I stand',
      `- My goal: ${GOALS[profile.goal]}.`,
      `- My comfort with machine learning: ${COMFORT[profile.comfort]}.`,
      `- How I like explanations: ${STYLES[profile.style]}.`,
    ].join('\n'),
    '## My request\nAsk me 5 quick questions, one at a time, to find my current level and what I want to be able to do. Then recommend the best Continuous Function learning path for me: which track to start, which notebooks to skip or repair first, and why.',
    '## How to answer\n- Use intuition before notation.\n- Ask one clarifying question beyond the five only if you need it.\n- End with one thing I should try on the atlas first.',
  ].join('\n\n');
}

/** The prompt a page's companion shows: the path prompt on the home page, else the object prompt. */
export function promptFor(page: PageContext, objectId: string, choices: StoredCompanion, reader: ReaderState): string {
  return page.atlas ? pathPrompt(page.atlas, choices) : companionPrompt(page, objectId, choices, choices.task, reader);
}

// The reader's choices are remembered in localStorage under one key.
export const COMPANION_KEY = 'cf:companion';
export const COMPANION_FORMAT = 'continuous-function/companion';

const ProfileSchema = z.object({
  format: z.literal(COMPANION_FORMAT),
  version: z.literal(1),
  goal: z.enum(Object.keys(GOALS) as [Goal, ...Goal[]]),
  comfort: z.enum(Object.keys(COMFORT) as [Comfort, ...Comfort[]]),
  style: z.enum(Object.keys(STYLES) as [Style, ...Style[]]),
  task: z.enum(Object.keys(TASKS) as [Task, ...Task[]]),
});
export type StoredCompanion = CompanionProfile & { task: Task };

export const storeCompanion = (c: StoredCompanion): string =>
  JSON.stringify({ format: COMPANION_FORMAT, version: 1, ...c });

/** The stored choices, or the defaults when nothing (or something unreadable) is stored. */
export function readCompanion(text: string | null): StoredCompanion {
  const fallback: StoredCompanion = { ...DEFAULT_PROFILE, task: 'explain' };
  if (text === null) return fallback;
  const parsed = parseStoredJson(text, ProfileSchema, 'not JSON', 'not companion choices');
  if (!parsed.ok) return fallback;
  const { goal, comfort, style, task } = parsed.data;
  return { goal, comfort, style, task };
}
