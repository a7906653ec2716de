/** Isomorphic: the one rule for every public id in the atlas (concept, domain, track, paper). */
import { z } from 'zod';

/** Kebab-case, lower-case ASCII: slugs are public URLs and must never need escaping. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MESSAGE = 'must be kebab-case: lower-case letters, digits and single hyphens';
export const SlugSchema = z.string().regex(SLUG_PATTERN, SLUG_MESSAGE);
export type Slug = z.infer<typeof SlugSchema>;
