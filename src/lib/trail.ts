/**
 * Isomorphic: "Start here", the first route as six steps the reader does rather than reads. This
 * module owns the step list, the stored record of which steps are done (kept by the browser island
 * in localStorage under TRAIL_KEY) and the count. A step whose feature does not exist yet is listed
 * with `built: false` and never counted, so the count only covers what a reader can actually do.
 */
import { parseStoredJson, StoredSlug, z } from './stored-json';
import type { HistoryEntry } from './lever-lab';
import { paths } from './url';

/** localStorage key; the stored value is a TrailFile. */
export const TRAIL_KEY = 'cf:trail';
export const TRAIL_FORMAT = 'continuous-function/trail';

export type StepId = 'map' | 'graph' | 'efficient-attention' | 'lever' | 'boundary' | 'note';

/** Where a step is done: a key of `paths`, with the argument and fragment it needs. */
export type Where =
  | { path: 'map'; query: string }
  | { path: 'graph'; track?: string }
  | { path: 'leverLab' }
  | { path: 'concept'; slug: string; fragment?: string };

/**
 * How a built step completes itself: `follow` when the reader follows the card's link (the graph
 * page may also complete its own step), `lab-prediction` when the lever lab's history holds a
 * prediction, `note-saved` when the reader's notes hold a note.
 */
export type Completion = 'follow' | 'lab-prediction' | 'note-saved';

interface StepBase {
  id: StepId;
  title: string;
  /** What the reader does, in a sentence or two. */
  task: string;
}
export interface BuiltStep extends StepBase {
  built: true;
  where: Where;
  /** The link's text. */
  linkText: string;
  completion: Completion;
}
export interface UnbuiltStep extends StepBase {
  built: false;
  /** The feature this step waits for, to finish "this step arrives with …". */
  waitsFor: string;
}
export type Step = BuiltStep | UnbuiltStep;

/** The homepage's first route, in order. */
export const STEPS: readonly Step[] = [
  {
    id: 'map',
    title: 'Map or search a claim',
    task: 'Paste an equation, an architecture name or a sentence from a paper and see which concepts it rests on.',
    built: true,
    where: { path: 'map', query: 'softmax(QK^T / sqrt(d_k)) V' },
    linkText: 'Map the attention equation',
    completion: 'follow',
  },
  {
    id: 'graph',
    title: 'Inspect the route graph',
    task: 'See the first route as a graph: which concepts lead to the KV cache, and which come after it.',
    built: true,
    where: { path: 'graph', track: 'attention-to-serving' },
    linkText: 'Open the route graph',
    completion: 'follow',
  },
  {
    id: 'efficient-attention',
    title: 'Open Efficient Attention',
    task: 'Find where efficient attention sits: the cost it cuts, what it needs first and what it leads to.',
    built: true,
    where: { path: 'concept', slug: 'efficient-attention' },
    linkText: 'Open the efficient attention page',
    completion: 'follow',
  },
  {
    id: 'lever',
    title: 'Predict the KV-cache lever',
    task: 'Pick the lever you think saves the most memory in a serving scenario, then reveal the ranking.',
    built: true,
    where: { path: 'leverLab' },
    linkText: 'Open the lever lab',
    completion: 'lab-prediction',
  },
  {
    id: 'boundary',
    title: 'Review the claim boundary',
    task: 'Read what the KV-cache notebook’s toy shows, what rests on sources, and what it does not show at all.',
    built: true,
    where: { path: 'concept', slug: 'kv-cache', fragment: 'claim-boundary' },
    linkText: 'Read the KV cache’s claim boundary',
    completion: 'follow',
  },
  {
    id: 'note',
    title: 'Leave a reproduction or repair note',
    task: 'Attach a note to the exact equation, lab or claim it concerns: what you reproduced, or what needs repair.',
    built: true,
    where: { path: 'concept', slug: 'kv-cache', fragment: 'eq-mem-kv' },
    linkText: 'Attach a note to the KV-cache memory equation',
    completion: 'note-saved',
  },
];

export const STEP_IDS = STEPS.map((s) => s.id);

export function isStepId(id: string): id is StepId {
  return (STEP_IDS as readonly string[]).includes(id);
}

/** The site URL of a step's place. */
export function hrefOf(where: Where): string {
  switch (where.path) {
    case 'map':
      return paths.map(where.query);
    case 'graph':
      return paths.graph() + (where.track ? `?track=${encodeURIComponent(where.track)}` : '');
    case 'leverLab':
      return paths.leverLab();
    case 'concept':
      return paths.concept(where.slug) + (where.fragment ? `#${where.fragment}` : '');
  }
}

// ---------------------------------------------------------------------------------------------
// The stored record

export const TrailFileSchema = z.object({
  format: z.literal(TRAIL_FORMAT),
  version: z.literal(1),
  /** Ids of the steps done, in step order. Unknown ids (from a later step list) are kept, not counted. */
  done: z.array(StoredSlug).check(z.maxLength(100)),
  /**
   * Optional: when the reader last marked a step as not done (step id → ISO 8601 time). A step that
   * completes from another record (the lever lab's history) only completes again from activity
   * after that time, so "Mark as not done" sticks.
   */
  undone: z.optional(z.record(StoredSlug, z.iso.datetime())),
});
export type TrailFile = z.infer<typeof TrailFileSchema>;

/** The state nobody has touched yet. */
export function emptyTrail(): TrailFile {
  return { format: TRAIL_FORMAT, version: 1, done: [] };
}

/** Step order first, then any unknown ids in their own order; no duplicates. */
function ordered(ids: Iterable<string>): string[] {
  const set = new Set(ids);
  return [...STEP_IDS.filter((id) => set.has(id)), ...[...set].filter((id) => !isStepId(id))];
}

/** A new state with `id` done (and its "not done" time forgotten). */
export function markDone(state: TrailFile, id: StepId): TrailFile {
  const next: TrailFile = { ...state, done: ordered([...state.done, id]) };
  if (state.undone && id in state.undone) {
    const rest = Object.fromEntries(Object.entries(state.undone).filter(([step]) => step !== id));
    if (Object.keys(rest).length > 0) next.undone = rest;
    else delete next.undone;
  }
  return next;
}

/** A new state with `id` not done, remembering when (an ISO 8601 time) the reader said so. */
export function markNotDone(state: TrailFile, id: StepId, at: string): TrailFile {
  return {
    ...state,
    done: state.done.filter((d) => d !== id),
    undone: { ...state.undone, [id]: at },
  };
}

export function isDone(state: TrailFile, id: StepId): boolean {
  return state.done.includes(id);
}

/**
 * Steps done and steps available to do: only built steps count. `unbuilt` is how many steps
 * wait for a feature.
 */
export function progress(
  state: TrailFile,
  steps: readonly Step[] = STEPS,
): { done: number; total: number; unbuilt: number } {
  const built = steps.filter((s) => s.built);
  return {
    done: built.filter((s) => state.done.includes(s.id)).length,
    total: built.length,
    unbuilt: steps.length - built.length,
  };
}

/** "1 of 4 steps available done". */
export function progressText(p: { done: number; total: number }): string {
  return `${p.done} of ${p.total} step${p.total === 1 ? '' : 's'} available done`;
}

/**
 * The state after looking at the lever lab's history: the prediction step is done if the history
 * holds a prediction made after the reader last marked the step as not done. Returns the same
 * object when nothing changes.
 */
export function withLabHistory(state: TrailFile, entries: readonly HistoryEntry[]): TrailFile {
  return withEvidence(
    state,
    'lever',
    entries.map((e) => e.date),
  );
}

/**
 * Marks a step done when the reader has left evidence of it (a lab prediction, a saved note),
 * dated after any time they marked the step not done.
 */
export function withEvidence(state: TrailFile, step: StepId, dates: readonly string[]): TrailFile {
  if (isDone(state, step)) return state;
  const since = state.undone?.[step];
  const counts = dates.some((d) => since === undefined || Date.parse(d) > Date.parse(since));
  return counts ? markDone(state, step) : state;
}

export type ParsedTrail = { ok: true; state: TrailFile } | { ok: false; error: string };

/** Parses the stored text; never throws, and says in a sentence what is wrong. */
export function parseTrail(text: string): ParsedTrail {
  const parsed = parseStoredJson(
    text,
    TrailFileSchema,
    'The saved start-here progress is not valid JSON.',
    'The saved start-here progress is not in a format this page reads',
  );
  return parsed.ok ? { ok: true, state: parsed.data } : parsed;
}

/**
 * Marks one step done in a storage (localStorage, normally), for pages other than /start/ that
 * complete a step themselves, such as the route graph for step 'graph'. A record that cannot be
 * read is replaced, since the reader has just acted. Never throws: returns null on success, or a
 * sentence to show the reader.
 */
export function markStepInStorage(storage: Pick<Storage, 'getItem' | 'setItem'>, id: StepId): string | null {
  if (!isStepId(id)) return `“${String(id)}” is not a step of the start-here trail.`;
  let stored: string | null;
  try {
    stored = storage.getItem(TRAIL_KEY);
  } catch {
    return 'This browser does not let the site store data, so the start-here trail cannot record this step.';
  }
  let state = emptyTrail();
  let replaced = false;
  if (stored !== null) {
    const parsed = parseTrail(stored);
    if (parsed.ok) state = parsed.state;
    else replaced = true;
  }
  if (isDone(state, id) && !replaced) return null;
  try {
    storage.setItem(TRAIL_KEY, JSON.stringify(markDone(state, id)));
  } catch {
    return 'The start-here trail could not record this step (storage is full or blocked).';
  }
  return replaced
    ? 'The saved start-here progress could not be read, so a fresh record was started with this step.'
    : null;
}
