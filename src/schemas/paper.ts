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
  /**
   * Other names the source is known by ("FlashAttention", "vLLM", "Chinchilla", "DPO"), so the
   * paper mapper can match a pasted name. Each one names this source and no other: a technique
   * name that several papers share ("speculative decoding") belongs to a concept, not here.
   */
  aliases: z.array(z.string().trim().min(1)).default([]),
  /**
   * One to three sentences for a reader arriving from this source: what it trades or claims, and
   * the order in which to learn the atlas concepts it rests on. Written in the atlas's own words,
   * naming concepts as the atlas does (e.g. "Learn scaled dot-product attention and the KV cache
   * first, then ..."). Every source tied to a concept on the attention-to-serving route has one.
   */
  routeNote: z
    .string()
    .trim()
    .min(1)
    .max(480, 'keep a route note to one to three sentences (at most 480 characters)')
    .optional(),
});
export type Paper = z.infer<typeof PaperSchema>;
