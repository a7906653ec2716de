/** Isomorphic: the note-able objects of a concept entry (src/lib/object-ids.ts), read from its frontmatter and body. */
import { conceptObjects, LABS, labObject, type AtlasObject } from '../object-ids';
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

/** Former concept slugs → current ones, from each concept's `formerSlugs` (notes stored under an old slug move). */
export const renamesOf = (concepts: readonly Pick<ConceptEntry, 'id' | 'data'>[]): Record<string, string> =>
  Object.fromEntries(concepts.flatMap((c) => c.data.formerSlugs.map((old) => [old, c.id])));

/** Every object on the site: each concept's, then the labs' (what the object-id registry records). */
export function atlasObjects(
  concepts: readonly Pick<ConceptEntry, 'id' | 'data' | 'body' | 'hasWitness'>[],
): AtlasObject[] {
  return [...concepts.flatMap((c) => objectsOfConcept(c).objects), ...LABS.map(labObject)];
}
