/**
 * Build time: what the companion knows about a page, written into the page as JSON (see
 * src/lib/companion.ts for the prompt it feeds, src/lib/companion-objects.ts for the picker).
 * Objects use the page's anchors and the ids of src/lib/object-ids.ts, so "kv-cache#eq-mem-kv"
 * names the same thing here, in the page's address and in the reader's notes.
 */
import type { Atlas, ConceptEntry } from './atlas';
import type { CompanionObject, PageContext } from '../lib/companion';
import { notebookObjects } from '../lib/companion-objects';
import { extractMath } from '../lib/tex';
import { claimAnchor, equationAnchor, labObject, objectId } from '../lib/object-ids';

export function notebookContext(atlas: Atlas, concept: ConceptEntry, url: string): PageContext {
  const { data } = concept;
  const complete = data.status === 'complete';
  const equationTex: Record<string, string> = {};
  if (complete)
    for (const span of extractMath(concept.body ?? ''))
      if (span.display && span.labels[0]) equationTex[equationAnchor(span.labels[0])] = span.tex;
  // Each sourced claim with its source's title, for the picker (by anchor) and the claim boundary.
  const sourced = (data.claimBoundary?.sourced ?? []).map((c) => ({
    anchor: claimAnchor(c),
    claim: c.claim,
    source: atlas.paper(c.source).data.title,
  }));
  const claims = Object.fromEntries(sourced.map(({ anchor, ...claim }) => [anchor, claim]));
  const objects = notebookObjects({
    complete,
    objects: atlas.objects(concept.id),
    equationTex,
    symbols: data.symbols.map((s) => ({ tex: s.tex, meaning: s.meaning })),
    demoPlan: data.demo?.plan,
    shown: data.claimBoundary?.shown ?? [],
    claims,
  });
  return {
    kind: complete ? 'notebook' : 'planned notebook',
    title: data.title,
    url,
    summary: complete
      ? data.summary
      : `${data.summary} (This notebook is planned: the atlas knows its prerequisites, but its intuition, math, witness and demo are not written yet.)`,
    objects,
    prerequisites: data.prerequisites.map((p) => ({
      slug: p.slug,
      title: atlas.concept(p.slug).data.title,
      why: p.why,
    })),
    ...(data.claimBoundary
      ? {
          claimBoundary: {
            shown: data.claimBoundary.shown,
            sourced: sourced.map(({ claim, source }) => ({ claim, source })),
            notShown: data.claimBoundary.notShown,
          },
        }
      : {}),
    discussion: data.discussion.map((d) => d.prompt),
    ...(data.nextQuestion ? { next: data.nextQuestion.question } : {}),
  };
}

/** What a lab page tells the companion: the lab, each scenario as the reader sees it before revealing (never the answer). */
export interface LabScenario {
  id: string;
  title: string;
  setup: string;
  /** The facts the card lists, as "term: value". */
  facts: string[];
}

export function labContext(
  lab: { slug: string; title: string; summary: string },
  scenarios: readonly LabScenario[],
  url: string,
  prerequisites: PageContext['prerequisites'],
  next: string,
): PageContext {
  const page = labObject(lab);
  const objects: CompanionObject[] = [
    { id: page.id, label: 'The whole lab', text: lab.summary },
    ...scenarios.map((s, i) => ({
      id: objectId(page.id, s.id),
      label: `Scenario ${i + 1}: ${s.title}`,
      text: `${s.setup}\n${s.facts.map((f) => `- ${f}`).join('\n')}\nThe question: which single change saves the most memory? (Do not tell me the answer; help me reason to it.)`,
    })),
  ];
  return { kind: 'lab', title: lab.title, url, summary: lab.summary, objects, prerequisites, next };
}
