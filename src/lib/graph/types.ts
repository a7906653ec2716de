/** Isomorphic: the plain-data shape of an atlas, as the data module hands it to the graph functions. */
import type { Concept } from '../../schemas/concept';
import type { Domain } from '../../schemas/domain';
import type { GpuPreset } from '../../schemas/gpu';
import type { LeverScenario } from '../../schemas/lever-scenario';
import type { ModelPreset } from '../../schemas/model';
import type { Paper } from '../../schemas/paper';
import type { Track } from '../../schemas/track';

/** One collection entry: its id (public slug), the file it came from, and its parsed data. */
export interface Entry<T> {
  id: string;
  /** Path of the source file relative to the repository, for error messages. */
  file: string;
  data: T;
}

/** A concept entry also carries its raw MDX body and whether witness.py exists beside it. */
export interface ConceptEntry extends Entry<Concept> {
  body: string;
  hasWitness: boolean;
}

/** Everything the validator and the queries need; no Astro types, so tests build it by hand. */
export interface AtlasInput {
  domains: Entry<Domain>[];
  tracks: Entry<Track>[];
  papers: Entry<Paper>[];
  concepts: ConceptEntry[];
  /** KV-cache calculator presets (content/models/). */
  models?: Entry<ModelPreset>[];
  /** Roofline GPU presets (content/gpus/). */
  gpus?: Entry<GpuPreset>[];
  /** Scenarios of the KV-cache lever lab (content/labs/kv-cache-lever/). */
  leverScenarios?: Entry<LeverScenario>[];
  /**
   * The registry of published object ids (content/object-ids.yaml, src/lib/object-registry.ts):
   * its path and text, or null text when the file is missing. Left out, the registry is not checked.
   */
  objectRegistry?: { file: string; text: string | null };
}

/** One problem found in the atlas, phrased so an author can act on it. */
export interface AtlasIssue {
  /** The file to open. */
  file: string;
  /** The frontmatter field (or "body") at fault, e.g. "prerequisites[1].slug". */
  field: string;
  /** What is wrong. */
  message: string;
  /** How to fix it. */
  fix: string;
}
