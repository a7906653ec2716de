/** Isomorphic: the note-able objects of a concept entry (src/lib/object-ids.ts), read from its frontmatter and body. */
import { conceptObjects, type AtlasObject } from '../object-ids';
import { extractMath, type MathSpan } from '../tex';
import type { ConceptEntry } from './types';

/** A concept's objects in page order, and its formulas (for the label checks). */
export function objectsOfConcept(concept: Pick<ConceptEntry, 'id' | 'data' | 'body' | 'hasWitness'>): {
  objects: AtlasObject[];
  math: MathSpan[];
} {
  const math = extractMath(concept.body);
  const objects = conceptObjects({
    slug: concept.id,
    title: concept.data.title,
    complete: concept.data.status === 'complete',
    equationLabels: math.filter((m) => m.display).flatMap((m) => m.labels),
    hasWitness: concept.hasWitness,
    claimBoundary: concept.data.claimBoundary,
  });
  return { objects, math };
}
