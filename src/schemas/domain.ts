/** Isomorphic: a domain of the atlas, one YAML file per domain under content/domains/. */
import { z } from 'zod';

export const DomainSchema = z.object({
  /** Display name, e.g. "Linear Algebra". */
  title: z.string().min(1),
  /** One line shown on cards: what the domain is the language of. */
  tagline: z.string().min(1),
  /** A short paragraph shown on the domain page: why a learner needs this domain. */
  purpose: z.string().min(1),
  /** Position on the home page's domain atlas (1 = first). */
  order: z.number().int().positive(),
});
export type Domain = z.infer<typeof DomainSchema>;
