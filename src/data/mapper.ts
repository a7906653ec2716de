/** Build time: the paper mapper's index, computed once from the validated atlas. */
import { getAtlas } from './atlas';
import { buildMapperIndex, type MapperIndex } from '../lib/mapper/index-build';
import { extractMath } from '../lib/tex';

let cached: Promise<MapperIndex> | undefined;

async function build(): Promise<MapperIndex> {
  const atlas = await getAtlas();
  return buildMapperIndex({
    concepts: atlas.concepts.map((c) => ({
      slug: c.id,
      title: c.data.title,
      aliases: c.data.aliases,
      domain: atlas.domain(c.data.domain).data.title,
      status: c.data.status,
      summary: c.data.summary,
      prerequisites: c.data.prerequisites.map((p) => p.slug),
      symbols: c.data.symbols.map((s) => s.tex),
      equations: extractMath(c.body ?? '')
        .filter((m) => m.display)
        .map((m) => m.tex),
    })),
    papers: atlas.papers.map((p) => ({
      title: p.data.title,
      arxiv: p.data.arxiv,
      aliases: p.data.aliases,
      concepts: p.data.concepts,
      routeNote: p.data.routeNote,
    })),
    models: atlas.models.map((m) => ({ name: m.data.name, attention: m.data.attention, window: m.data.window })),
  });
}

export function getMapperIndex(): Promise<MapperIndex> {
  cached ??= build();
  return cached;
}
