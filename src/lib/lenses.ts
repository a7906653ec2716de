/**
 * Isomorphic: the three reader lenses of a notebook. A lens changes the order and emphasis of the
 * page, never what is on it: the learner reads it as built (prerequisites and intuition first),
 * the engineer gets the code witness, the demo, the claim boundary and the sources first, and the
 * teacher pages through it one section per screen (lecture mode), with a printable outline.
 */
export const LENSES = {
  learner: { label: 'Learner', hint: 'prerequisites and intuition first' },
  engineer: { label: 'Engineer', hint: 'code witness, demo and sources first' },
  teacher: { label: 'Teacher', hint: 'lecture mode, one section per screen' },
} as const;
export type Lens = keyof typeof LENSES;
export const DEFAULT_LENS: Lens = 'learner';
export const LENS_KEY = 'cf:lens';

/** A stored value back to a lens; anything else (nothing, damage) is the default. */
export function readLens(stored: string | null): Lens {
  return stored !== null && Object.hasOwn(LENSES, stored) ? (stored as Lens) : DEFAULT_LENS;
}

/**
 * The engineer's order. `body`: the notebook's own sections (their heading ids); `after`: the
 * blocks the page adds after them. A key a page does not have is skipped.
 */
export const ENGINEER_ORDER = {
  body: ['code', 'demo', 'math', 'intuition'],
  after: ['claim-boundary', 'sources', 'symbols', 'discussion', 'next-question', 'companion'],
};

/**
 * `keys` reordered so that those named in `preferred` come first, in that order; the rest keep
 * their relative order after them. Nothing is dropped or duplicated.
 */
export function reorder(keys: readonly string[], preferred: readonly string[]): string[] {
  const first = preferred.filter((k) => keys.includes(k));
  return [...first, ...keys.filter((k) => !first.includes(k))];
}

/** Lecture-mode keys: +1 next section, -1 previous, 'first'/'last', or null for a key it leaves alone. */
export function lectureMove(key: string): 1 | -1 | 'first' | 'last' | null {
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
    case 'n':
      return 1;
    case 'ArrowLeft':
    case 'PageUp':
    case 'p':
      return -1;
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    default:
      return null;
  }
}

/** The section a move lands on, kept within the lecture. */
export function moveTo(current: number, move: 1 | -1 | 'first' | 'last', count: number): number {
  if (count <= 0) return 0;
  if (move === 'first') return 0;
  if (move === 'last') return count - 1;
  return Math.min(count - 1, Math.max(0, current + move));
}

/**
 * Which section is being read: the last one whose top has passed a line a third of the way down
 * the screen (or the first when none has).
 */
export function currentSection(tops: readonly number[], viewportHeight: number): number {
  const line = viewportHeight / 3;
  let current = 0;
  tops.forEach((top, i) => {
    if (top <= line) current = i;
  });
  return current;
}
