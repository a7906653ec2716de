/**
 * Browser only, loaded by the companion on a lab page alone: the reader's newest pick in the lever
 * lab (src/lib/lever-lab.ts keeps the history), as the companion's "last prediction".
 */
import type { CompanionObject, ReaderState } from '../../lib/companion';
import { LEVER_LABELS } from '../../lib/kv-cache/lever-ids';
import { HISTORY_KEY, parseHistory } from '../../lib/lever-lab';
import { objectId } from '../../lib/object-ids';

/** The newest entry of the lab's history, named by its scenario's picker label; undefined when there is none. */
export function lastLabPrediction(labId: string, objects: readonly CompanionObject[]): ReaderState['lastPrediction'] {
  let stored: string | null;
  try {
    stored = localStorage.getItem(HISTORY_KEY);
  } catch {
    return undefined; // storage blocked: no history to tell
  }
  const history = parseHistory(stored ?? '');
  const entry = history.ok ? history.entries[0] : undefined;
  const scenario = entry && objects.find((o) => o.id === objectId(labId, entry.scenario));
  if (!entry || !scenario) return undefined;
  return {
    question: `${scenario.label}: which single change saves the most memory?`,
    // An exact tie also scores as best; the winner is named so the assistant can tell.
    answer: `${LEVER_LABELS[entry.lever]} (the ranking's winner: ${LEVER_LABELS[entry.correct]})`,
    correct: entry.lever === entry.correct,
  };
}
