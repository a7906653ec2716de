/**
 * The one bridge to astro:content. Loads every collection once, validates the whole atlas
 * (a build with any issue fails here, listing all of them), and exports ready-made views that
 * pages and endpoints read without querying again.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import {
  formatIssues,
  objectsOfConcept,
  renamesOf,
  reverseEdges,
  topologicalOrder,
  validateAtlas,
  type AtlasInput,
} from '../lib/graph';
import type { AtlasObject } from '../lib/object-ids';
import { parseRegistry, REGISTRY_FILE, retiredNotices } from '../lib/object-registry';

/** witness.py sources keyed by concept slug, read at build time. */
const witnessFiles = import.meta.glob<string>('/content/concepts/*/witness.py', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const witnesses = new Map(
  Object.entries(witnessFiles).map(([path, source]) => [path.split('/').at(-2)!, source]),
);

/** The registry of published object ids (src/lib/object-registry.ts), as text; absent if the file is missing. */
const registryFiles = import.meta.glob<string>('/content/object-ids.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const registryText = Object.values(registryFiles)[0] ?? null;

export type ConceptEntry = CollectionEntry<'concepts'>;
export type DomainEntry = CollectionEntry<'domains'>;
export type TrackEntry = CollectionEntry<'tracks'>;
export type PaperEntry = CollectionEntry<'papers'>;
export type ModelEntry = CollectionEntry<'models'>;
export type GpuEntry = CollectionEntry<'gpus'>;
export type LeverScenarioEntry = CollectionEntry<'leverScenarios'>;

export interface Atlas {
  /** Concepts in learning order: every concept after all of its prerequisites. */
  concepts: ConceptEntry[];
  concept: (slug: string) => ConceptEntry;
  /** Slugs of the concepts that list `slug` as a prerequisite. */
  leadsTo: (slug: string) => ConceptEntry[];
  domains: DomainEntry[];
  domain: (slug: string) => DomainEntry;
  /** A domain's concepts in learning order. */
  conceptsOfDomain: (slug: string) => ConceptEntry[];
  tracks: TrackEntry[];
  tracksContaining: (slug: string) => TrackEntry[];
  paper: (id: string) => PaperEntry;
  /** Every source, by id. */
  papers: PaperEntry[];
  /** The witness.py source of a concept, if it has one. */
  witness: (slug: string) => string | undefined;
  /** KV-cache calculator presets, by name. */
  models: ModelEntry[];
  model: (id: string) => ModelEntry;
  /** Roofline GPU presets, by name. */
  gpus: GpuEntry[];
  /** The lever lab's scenarios in their order. */
  leverScenarios: LeverScenarioEntry[];
  /** The objects a reader can attach notes to on a concept's page, in page order (src/lib/object-ids.ts). */
  objects: (slug: string) => AtlasObject[];
  /** Former concept slugs → current ones, from `formerSlugs`: notes stored under an old slug move. */
  renames: Record<string, string>;
  /** Retired object ids → why and when they left, e.g. "label removed on 2026-05-01" (content/object-ids.yaml). */
  retired: Record<string, string>;
}

const fileOf = (entry: { filePath?: string; id: string }, fallback: string) => entry.filePath ?? fallback;

async function loadAtlas(): Promise<Atlas> {
  const [concepts, domains, tracks, papers, models, gpus, leverScenarios] = await Promise.all([
    getCollection('concepts'),
    getCollection('domains'),
    getCollection('tracks'),
    getCollection('papers'),
    getCollection('models'),
    getCollection('gpus'),
    getCollection('leverScenarios'),
  ]);
  const input: AtlasInput = {
    concepts: concepts.map((c) => ({
      id: c.id,
      file: fileOf(c, `content/concepts/${c.id}/index.mdx`),
      data: c.data,
      body: c.body ?? '',
      hasWitness: witnesses.has(c.id),
    })),
    domains: domains.map((d) => ({
      id: d.id,
      file: fileOf(d, `content/domains/${d.id}.yaml`),
      data: d.data,
    })),
    tracks: tracks.map((t) => ({ id: t.id, file: fileOf(t, `content/tracks/${t.id}.yaml`), data: t.data })),
    papers: papers.map((p) => ({ id: p.id, file: fileOf(p, `content/papers/${p.id}.yaml`), data: p.data })),
    models: models.map((m) => ({ id: m.id, file: fileOf(m, `content/models/${m.id}.yaml`), data: m.data })),
    gpus: gpus.map((g) => ({ id: g.id, file: fileOf(g, `content/gpus/${g.id}.yaml`), data: g.data })),
    leverScenarios: leverScenarios.map((l) => ({
      id: l.id,
      file: fileOf(l, `content/labs/kv-cache-lever/${l.id}.yaml`),
      data: l.data,
    })),
    objectRegistry: { file: REGISTRY_FILE, text: registryText },
  };
  const issues = validateAtlas(input);
  if (issues.length > 0) throw new Error(formatIssues(issues));

  const nodes = concepts.map((c) => ({ id: c.id, prerequisites: c.data.prerequisites.map((p) => p.slug) }));
  const byId = new Map(concepts.map((c) => [c.id, c]));
  const ordered = topologicalOrder(nodes).map((id) => byId.get(id)!);
  const reverse = reverseEdges(nodes);
  const sortedDomains = [...domains].sort((a, b) => a.data.order - b.data.order);
  const sortedTracks = [...tracks].sort((a, b) => a.data.order - b.data.order);
  const get = <T>(map: Map<string, T>, id: string, what: string): T => {
    const found = map.get(id);
    if (!found) throw new Error(`Unknown ${what} "${id}"`);
    return found;
  };
  const domainMap = new Map(domains.map((d) => [d.id, d]));
  const paperMap = new Map(papers.map((p) => [p.id, p]));
  const modelMap = new Map(models.map((m) => [m.id, m]));
  const objectMap = new Map(input.concepts.map((c) => [c.id, objectsOfConcept(c).objects]));
  const renames = renamesOf(concepts);
  // Validation has read the registry already, so it parses.
  const registry = parseRegistry(registryText ?? '');
  const retired = registry.ok ? retiredNotices(registry.registry) : {};

  return {
    concepts: ordered,
    concept: (slug) => get(byId, slug, 'concept'),
    leadsTo: (slug) => ordered.filter((c) => reverse.get(slug)?.includes(c.id)),
    domains: sortedDomains,
    domain: (slug) => get(domainMap, slug, 'domain'),
    conceptsOfDomain: (slug) => ordered.filter((c) => c.data.domain === slug),
    tracks: sortedTracks,
    tracksContaining: (slug) => sortedTracks.filter((t) => t.data.steps.includes(slug)),
    paper: (id) => get(paperMap, id, 'paper'),
    papers: [...papers].sort((a, b) => a.id.localeCompare(b.id)),
    witness: (slug) => witnesses.get(slug),
    models: [...models].sort((a, b) => a.data.name.localeCompare(b.data.name, 'en', { numeric: true })),
    model: (id) => get(modelMap, id, 'model'),
    gpus: [...gpus].sort((a, b) => a.data.name.localeCompare(b.data.name, 'en', { numeric: true })),
    leverScenarios: [...leverScenarios].sort((a, b) => a.data.order - b.data.order),
    objects: (slug) => get(objectMap, slug, 'concept'),
    renames,
    retired,
  };
}

let cached: Promise<Atlas> | undefined;

/** The validated atlas, loaded once per build. */
export function getAtlas(): Promise<Atlas> {
  cached ??= loadAtlas();
  return cached;
}
