/**
 * Isomorphic: the frontmatter of a concept notebook, content/concepts/<slug>/index.mdx.
 * Fields a complete notebook must also have (sources, claim boundary, demo, next question)
 * are optional here and enforced by src/lib/graph/validate.ts, so the author gets one message
 * naming the file, the field and the fix.
 */
import { z } from 'zod';
import { SlugSchema } from './slug';

/** A prerequisite edge: the concept needed first, and why. */
export const PrerequisiteSchema = z.object({
  /** Slug of the concept the reader should know first. */
  slug: SlugSchema,
  /** One line: what this notebook uses from it. */
  why: z.string().min(1),
});

/** One row of the symbols table. */
export const SymbolSchema = z.object({
  /** The symbol in TeX, e.g. "d_k" (rendered by KaTeX at build time). */
  tex: z.string().min(1),
  /** What it stands for, with its shape or unit where it has one. */
  meaning: z.string().min(1),
  /** Slug of the concept that explains this symbol, if the atlas has one. */
  concept: SlugSchema.optional(),
});

/** A claim the page makes on the strength of a source rather than of the toy witness. */
export const SourcedClaimSchema = z.object({
  /** The claim, stated with its numbers. */
  claim: z.string().min(1),
  /** Paper id (file name in content/papers/) that backs it. */
  source: SlugSchema,
  /**
   * Optional stable id for readers' notes on this claim (anchor "claim-<id>"). Without it the id is
   * derived from the source and the wording, so rewording the claim detaches its notes; set `id` to
   * the old derived suffix to keep them attached.
   */
  id: SlugSchema.optional(),
});

/** What the page can and cannot vouch for. */
export const ClaimBoundarySchema = z.object({
  /** Shown by the toy here: what the witness and demo actually demonstrate. */
  shown: z.array(z.string().min(1)).min(1),
  /** Backed by sources: claims resting on a cited paper or model config. */
  sourced: z.array(SourcedClaimSchema).default([]),
  /** Not shown here: what needs scale, real hardware or expert review. */
  notShown: z.array(z.string().min(1)).min(1),
});

/** The reusable demos a notebook can be configured with, and the name the page gives each. */
export const DEMO_KIT_NAMES = {
  'attention-lab': 'the attention lab',
  'kv-cache-append': 'the KV-cache append stepper',
  'kv-cache-calculator': 'the KV-cache calculator',
  'vector-playground': 'the vector playground',
  'function-explorer': 'the function explorer',
  'distribution-lab': 'the distribution lab',
  'descent-lab': 'the descent lab',
  roofline: 'the prefill and decode roofline',
  'paged-blocks': 'the paged blocks simulator',
} as const;
export const DemoKits = Object.keys(DEMO_KIT_NAMES) as [
  keyof typeof DEMO_KIT_NAMES,
  ...(keyof typeof DEMO_KIT_NAMES)[],
];

/** The interactive demo a notebook gets. */
export const DemoSchema = z.object({
  /** Which island of the demo kit. */
  kit: z.enum(DemoKits),
  /** "planned" until the island exists; the page then says so plainly instead of faking it. */
  status: z.enum(['planned', 'live']).default('planned'),
  /** One sentence: what the reader will be able to poke, and the failure it exposes. */
  plan: z.string().min(1),
});

/** The notebook sections a discussion prompt can point at (their level-2 heading ids). */
export const DISCUSSION_SECTIONS = ['intuition', 'math', 'code', 'demo'] as const;

/** A question for a study group or a reader's own assistant, attached to one part of the page. */
export const DiscussionPromptSchema = z.object({
  /** The question, open-ended: one that has more than one good answer to argue over. */
  prompt: z.string().min(1),
  /** The section it is about; the page links the prompt to that section. */
  section: z.enum(DISCUSSION_SECTIONS),
  /**
   * The object it is shown beside, as its anchor on the page ("eq-mem-kv", "witness", "demo",
   * "claim-boundary", "claim-…"). Default: math → the first labelled equation, code → the witness,
   * demo → the demo, intuition → the concept.
   */
  object: z.string().min(1).optional(),
});

export const LEVELS = ['foundation', 'intermediate', 'advanced'] as const;

export const ConceptSchema = z.object({
  /** Display title, e.g. "Scaled dot-product attention". */
  title: z.string().min(1),
  /** Other names a reader may paste: abbreviations and names from papers ("GQA", "KV caching"). */
  aliases: z.array(z.string().min(1)).default([]),
  /** Slugs this concept had before a rename: readers' notes stored under them move to this slug. */
  formerSlugs: z.array(SlugSchema).default([]),
  /** One sentence: what the concept is, for cards, search results and planned listings. */
  summary: z.string().min(1),
  /** Slug of the domain it belongs to. */
  domain: SlugSchema,
  /** complete: written, with witness and all four sections. planned: summary and graph place only. */
  status: z.enum(['complete', 'planned']),
  /** How much the reader needs to bring. */
  level: z.enum(LEVELS),
  /** Concepts to know first, each with the reason. */
  prerequisites: z.array(PrerequisiteSchema).default([]),
  /** Symbols the Math section uses. */
  symbols: z.array(SymbolSchema).default([]),
  /** Paper ids (content/papers/) cited on the page. */
  sources: z.array(SlugSchema).default([]),
  /** Claim boundary in three lists. */
  claimBoundary: ClaimBoundarySchema.optional(),
  /** The demo this notebook gets. */
  demo: DemoSchema.optional(),
  /** One to three discussion prompts, each attached to a section of the notebook. */
  discussion: z.array(DiscussionPromptSchema).max(3).default([]),
  /** One question that leads on in the atlas. */
  nextQuestion: z
    .object({
      /** The question. */
      question: z.string().min(1),
      /** Slug of the concept that answers it, if written or planned. */
      concept: SlugSchema.optional(),
    })
    .optional(),
});
export type Concept = z.infer<typeof ConceptSchema>;
export type Prerequisite = z.infer<typeof PrerequisiteSchema>;
export type ConceptSymbol = z.infer<typeof SymbolSchema>;
export type ClaimBoundary = z.infer<typeof ClaimBoundarySchema>;
export type DiscussionPrompt = z.infer<typeof DiscussionPromptSchema>;
export type DemoKit = (typeof DemoKits)[number];
