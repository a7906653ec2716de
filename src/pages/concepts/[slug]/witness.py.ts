/** The raw witness.py of each complete concept, so readers can download and run it. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getAtlas } from '../../../data/atlas';

export const getStaticPaths = (async () => {
  const atlas = await getAtlas();
  return atlas.concepts
    .filter((c) => atlas.witness(c.id) !== undefined)
    .map((c) => ({ params: { slug: c.id }, props: { source: atlas.witness(c.id)! } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(props.source as string, { headers: { 'Content-Type': 'text/x-python; charset=utf-8' } });
