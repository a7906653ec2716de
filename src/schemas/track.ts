/** Isomorphic: a curated track, one YAML file per track under content/tracks/. */
import { z } from 'zod';
import { SlugSchema } from './slug';

export const TrackSchema = z.object({
  /** Display name, e.g. "Attention to Serving". */
  title: z.string().min(1),
  /** One or two sentences: where the track starts and where it leaves the reader. */
  summary: z.string().min(1),
  /** Position among tracks on the home page (1 = first). */
  order: z.number().int().positive(),
  /** Concept slugs in reading order; every prerequisite of a step must come before it. */
  steps: z.array(SlugSchema).min(1),
});
export type Track = z.infer<typeof TrackSchema>;
