/**
 * The atlas graph with its build-time layout, computed once per build from the validated atlas and
 * shared by /graph/ and /atlas.json.
 */
import { atlasGraph, type AtlasGraph } from '../lib/graph/explore';
import { layeredLayout } from '../lib/graph/layout';
import { paths } from '../lib/url';
import { getAtlas } from './atlas';

let cached: Promise<AtlasGraph> | undefined;

export function getAtlasGraph(): Promise<AtlasGraph> {
  cached ??= (async () => {
    const atlas = await getAtlas();
    const concepts = atlas.concepts.map((c) => ({
      id: c.id,
      title: c.data.title,
      summary: c.data.summary,
      domain: c.data.domain,
      status: c.data.status,
      level: c.data.level,
      prerequisites: c.data.prerequisites,
    }));
    const layout = layeredLayout(
      concepts.map((c) => ({ id: c.id, prerequisites: c.prerequisites.map((p) => p.slug) })),
    );
    return atlasGraph(
      concepts,
      layout,
      atlas.domains.map((d) => ({ id: d.id, title: d.data.title, order: d.data.order })),
      atlas.tracks.map((t) => ({ id: t.id, title: t.data.title, steps: t.data.steps })),
      paths.concept,
    );
  })();
  return cached;
}
