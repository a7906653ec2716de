/** Isomorphic: the one rule for every public id in the atlas (concept, domain, track, paper). */
import { z } from 'zod';

/** Kebab-case, lower-case ASCII: slugs are public URLs and must never need escaping. */
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case: lower-case letters, digits and single hyphens');
export type Slug = z.infer<typeof SlugSchema>;
