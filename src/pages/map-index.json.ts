/** /map-index.json: the paper mapper's index (src/lib/mapper), fetched by /map/ when a reader maps a text. */
import type { APIRoute } from 'astro';
import { getMapperIndex } from '../data/mapper';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await getMapperIndex()), { headers: { 'Content-Type': 'application/json' } });
