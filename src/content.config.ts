import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { ConceptSchema } from './schemas/concept';
import { DomainSchema } from './schemas/domain';
import { GpuSchema } from './schemas/gpu';
import { LeverScenarioSchema } from './schemas/lever-scenario';
import { ModelSchema } from './schemas/model';
import { PaperSchema } from './schemas/paper';
import { TrackSchema } from './schemas/track';

// Authored material lives in the top-level content/ folder; each collection is one schema.
// The id is the file name without .yaml, exactly as written (it is a public URL or query value).
const yaml = (dir: string) =>
  glob({ base: `./content/${dir}`, pattern: '*.yaml', generateId: ({ entry }) => entry.replace(/\.yaml$/, '') });

export const collections = {
  domains: defineCollection({ loader: yaml('domains'), schema: DomainSchema }),
  tracks: defineCollection({ loader: yaml('tracks'), schema: TrackSchema }),
  papers: defineCollection({ loader: yaml('papers'), schema: PaperSchema }),
  models: defineCollection({ loader: yaml('models'), schema: ModelSchema }),
  gpus: defineCollection({ loader: yaml('gpus'), schema: GpuSchema }),
  leverScenarios: defineCollection({ loader: yaml('labs/kv-cache-lever'), schema: LeverScenarioSchema }),
  concepts: defineCollection({
    // One folder per concept: the id is the folder name (its public slug).
    loader: glob({
      base: './content/concepts',
      pattern: '*/index.mdx',
      generateId: ({ entry }) => entry.split('/')[0],
    }),
    schema: ConceptSchema,
  }),
};
