/**
 * Build time: what the companion knows about a notebook page, written into the page as JSON (see
 * src/lib/companion.ts for the prompt it feeds). Objects use the page's anchors, so an id such as
 * "kv-cache#demo" names the same thing here, in the page's address and in the reader's notes.
 */
import type { Atlas, ConceptEntry } from './atlas';
import type { CompanionObject, PageContext } from '../lib/companion';

export function notebookContext(atlas: Atlas, concept: ConceptEntry, url: string): PageContext {
  const { data } = concept;
  const slug = concept.id;
  const complete = data.status === 'complete';
  const objects: CompanionObject[] = [{ id: slug, label: complete ? 'The whole notebook' : 'The whole page' }];
  if (complete) {
    objects.push(
      { id: `${slug}#intuition`, label: 'The intuition', text: 'The mental model and figure that open the notebook.' },
      {
        id: `${slug}#math`,
        label: 'The math',
        text: 'The step-by-step derivation, with every symbol named.',
        symbols: data.symbols.map((s) => ({ tex: s.tex, meaning: s.meaning })),
      },
      {
        id: `${slug}#code`,
        label: 'The code witness (witness.py)',
        text: `A short NumPy program on the page that prints and asserts what the math says${
          data.claimBoundary ? `: ${data.claimBoundary.shown.join(' ')}` : '.'
        }`,
      },
    );
    if (data.demo)
      objects.push({ id: `${slug}#demo`, label: 'The demo', text: `An interactive demo: ${data.demo.plan}` });
    if (data.claimBoundary)
      objects.push({
        id: `${slug}#claim-boundary`,
        label: 'The claim boundary',
        text: 'What the toy shows, what rests on sources, and what the page does not show.',
      });
  }
  return {
    kind: complete ? 'notebook' : 'planned notebook',
    title: data.title,
    url,
    summary: complete
      ? data.summary
      : `${data.summary} (This notebook is planned: the atlas knows its prerequisites, but its intuition, math, witness and demo are not written yet.)`,
    objects,
    prerequisites: data.prerequisites.map((p) => ({ slug: p.slug, title: atlas.concept(p.slug).data.title, why: p.why })),
    ...(data.claimBoundary
      ? {
          claimBoundary: {
            shown: data.claimBoundary.shown,
            sourced: data.claimBoundary.sourced.map((c) => ({
              claim: c.claim,
              source: atlas.paper(c.source).data.title,
            })),
            notShown: data.claimBoundary.notShown,
          },
        }
      : {}),
    discussion: data.discussion.map((d) => d.prompt),
    ...(data.nextQuestion ? { next: data.nextQuestion.question } : {}),
  };
}
