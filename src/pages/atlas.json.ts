/** /atlas.json: the whole graph — nodes with positions, edges with reasons, domains, tracks. */
import type { APIRoute } from 'astro';
import { getAtlasGraph } from '../data/graph';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await getAtlasGraph()), { headers: { 'Content-Type': 'application/json' } });
