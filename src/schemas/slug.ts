/** Isomorphic: the one rule for every public id in the atlas (concept, domain, track, paper). */
import { z } from 'zod';
import { SLUG_MESSAGE, SLUG_PATTERN } from './slug-rule';

export { SLUG_MESSAGE, SLUG_PATTERN };
export const SlugSchema = z.string().regex(SLUG_PATTERN, SLUG_MESSAGE);
export type Slug = z.infer<typeof SlugSchema>;
