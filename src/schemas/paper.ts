/** Isomorphic: one primary source (paper, technical report or model config), one YAML file each under content/papers/. */
import { z } from 'zod';
import { SlugSchema } from './slug';

export const PaperSchema = z.object({
  /** Full title as published. */
  title: z.string().min(1),
  /** Author names in publication order; long lists may end with "et al.". */
  authors: z.array(z.string().min(1)).min(1),
  /** Year of first public release. */
  year: z.number().int().min(1700).max(2100),
  /** arXiv identifier without version, e.g. "1706.03762". */
  arxiv: z
    .string()
    .regex(/^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/, 'must be an arXiv id such as 1706.03762')
    .optional(),
  /** DOI, e.g. "10.1038/323533a0". */
  doi: z
    .string()
    .regex(/^10\.\d{4,9}\/\S+$/, 'must be a DOI such as 10.1038/323533a0')
    .optional(),
  /** Where a reader can read it (arXiv abs page, DOI resolver, or the model config file). */
  url: z.url(),
  /** Concept slugs this source bears on. */
  concepts: z.array(SlugSchema).default([]),
  /** Other names the paper is known by ("FlashAttention", "vLLM"): the paper mapper matches them. */
  aliases: z.array(z.string().min(1)).default([]),
  /** For a paper behind the route: what it trades or claims, and the order to learn the concepts it rests on. */
  routeNote: z.string().min(1).optional(),
});
export type Paper = z.infer<typeof PaperSchema>;
