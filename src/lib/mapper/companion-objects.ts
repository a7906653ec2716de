/**
 * Isomorphic: a paper-mapper result as objects for the companion's picker (src/lib/companion.ts).
 * Kept beside the mapper, not in src/lib/companion-objects.ts, so a notebook's companion never loads
 * the mapper's ranking code.
 */
import type { CompanionObject } from '../companion';
import { CONFIDENCE_LABEL, KIND_LABEL, type Confidence, type MapResult, type Reason } from './rank';

const MAPPER_PREFIX = 'mapper:';

/** One reason in the words the mapper's page uses: "also called: GQA (matched gqa)". */
const reasonLine = (reason: Reason) =>
  reason.kind === 'summary'
    ? `${KIND_LABEL.summary}: ${reason.matched.join(', ')}`
    : `${KIND_LABEL[reason.kind]}: ${reason.label}${reason.matched.length > 0 ? ` (matched ${reason.matched.join(', ')})` : ''}`;
/** "a strong match", inside a sentence. */
const confidenceWords = (confidence: Confidence) => `a ${CONFIDENCE_LABEL[confidence].toLowerCase()}`;

/**
 * A mapper result as picker entries: the whole result (what was pasted, what it rests on, what was
 * not placed, the path), then one entry per concept found. `conceptUrl` turns a slug into its page.
 */
export function mapperObjects(result: MapResult, conceptUrl: (slug: string) => string): CompanionObject[] {
  if (result.ranked.length === 0 && result.unplaced.length === 0) return [];
  const pasted = `I pasted into the paper mapper:\n"""\n${result.query}\n"""`;
  const found = result.ranked.map(
    (r, i) =>
      `${i + 1}. ${r.title} (${conceptUrl(r.slug)}), ${confidenceWords(r.confidence)}${r.status === 'planned' ? ', a planned notebook' : ''}`,
  );
  const whole: string[] = [pasted];
  whole.push(
    found.length > 0
      ? `The mapper placed it on these atlas concepts:\n${found.join('\n')}`
      : 'The mapper placed it on no atlas concept.',
  );
  if (result.unplaced.length > 0)
    whole.push(`Terms it could not place: ${result.unplaced.slice(0, 24).join(', ')}.`);
  if (result.path.length > 0)
    whole.push(
      `Its path to ${result.path[result.path.length - 1]!.title}, in learning order: ${result.path
        .map((s) => `${s.title}${s.known ? ' (I know this)' : ''}`)
        .join(' → ')}.`,
    );
  const group = 'Your mapper result';
  return [
    { id: `${MAPPER_PREFIX}result`, label: 'The whole mapper result', group, text: whole.join('\n\n') },
    ...result.ranked.map((r) => ({
      id: `${MAPPER_PREFIX}${r.slug}`,
      label: `Result: ${r.title}`,
      group,
      text: [
        pasted,
        `The mapper matched it to the atlas concept "${r.title}" (${conceptUrl(r.slug)}), ${confidenceWords(r.confidence)}: ${r.summary}`,
        `Why it matched:\n${r.reasons.map((reason) => `- ${reasonLine(reason)}`).join('\n')}`,
      ].join('\n\n'),
    })),
  ];
}
