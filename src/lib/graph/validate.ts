/**
 * Isomorphic: every check that makes an atlas valid. The build runs it once (src/data/atlas.ts)
 * and fails with all issues at once; tests run it on small fixtures. Each issue names the file,
 * the field, what is wrong and how to fix it.
 */
import {
  claimAnchor,
  discussionObject,
  LAB_PREFIX,
  LABS,
  labObject,
  objectIssues,
  type AtlasObject,
} from '../object-ids';
import { parseRegistry, registryProblems } from '../object-registry';
import { texError } from '../tex';
import { objectsOfConcept } from './objects';
import { findCycle } from './query';
import { NOTEBOOK_SECTIONS, splitSections } from './sections';
import type { AtlasInput, AtlasIssue, ConceptEntry } from './types';

export function validateAtlas(atlas: AtlasInput): AtlasIssue[] {
  const issues: AtlasIssue[] = [];
  const concepts = new Map(atlas.concepts.map((c) => [c.id, c]));
  const domains = new Set(atlas.domains.map((d) => d.id));
  const papers = new Set(atlas.papers.map((p) => p.id));
  const add = (file: string, field: string, message: string, fix: string) =>
    issues.push({ file, field, message, fix });

  const conceptRef = (file: string, field: string, slug: string, role: string) => {
    if (!concepts.has(slug))
      add(
        file,
        field,
        `${role} "${slug}" is not a concept in the atlas.`,
        fixForUnknown(slug, concepts.keys()),
      );
  };
  const paperRef = (file: string, field: string, id: string) => {
    if (!papers.has(id))
      add(
        file,
        field,
        `source "${id}" is not in the papers registry.`,
        `Add content/papers/${id}.yaml (title, authors, year, url, arxiv or doi), or correct the id${suggest(id, papers)}.`,
      );
  };

  const formerOwner = new Map<string, string>();
  /** Every object on the site, with the file and field that names it (for the registry check). */
  const published: { object: AtlasObject; file: string; field: string }[] = [];
  for (const concept of atlas.concepts) {
    const { data, file } = concept;
    if (!domains.has(data.domain))
      add(
        file,
        'domain',
        `domain "${data.domain}" does not exist.`,
        `Use one of: ${[...domains].join(', ')}.`,
      );
    data.prerequisites.forEach((p, i) => {
      conceptRef(file, `prerequisites[${i}].slug`, p.slug, 'prerequisite');
      if (p.slug === concept.id)
        add(
          file,
          `prerequisites[${i}].slug`,
          'a concept cannot be its own prerequisite.',
          'Remove this entry.',
        );
    });
    data.symbols.forEach((s, i) => {
      if (s.concept) conceptRef(file, `symbols[${i}].concept`, s.concept, 'symbol link');
      const error = texError(s.tex);
      if (error) add(file, `symbols[${i}].tex`, `KaTeX cannot render "${s.tex}": ${error}`, texFix);
    });
    data.sources.forEach((id, i) => paperRef(file, `sources[${i}]`, id));
    data.claimBoundary?.sourced.forEach((c, i) =>
      paperRef(file, `claimBoundary.sourced[${i}].source`, c.source),
    );
    if (data.nextQuestion?.concept)
      conceptRef(file, 'nextQuestion.concept', data.nextQuestion.concept, 'next-question link');
    if (concept.id.startsWith(LAB_PREFIX))
      add(
        file,
        'slug',
        `the slug "${concept.id}" starts with "${LAB_PREFIX}", which is reserved for the ids of lab pages (readers' notes use them).`,
        'Rename the folder so the slug does not start with "lab-".',
      );
    const { objects, math } = objectsOfConcept(concept);
    for (const object of objects) published.push({ object, file, field: objectField(object, data) });
    for (const problem of objectIssues(math, objects))
      add(
        file,
        'body',
        `object ids: ${problem}`,
        'Readers attach notes to these ids, so each must be unique and stable: fix the label or claim named.',
      );
    data.discussion.forEach((d, i) => {
      if (d.object !== undefined && !discussionObject(objects, d))
        add(
          file,
          `discussion[${i}].object`,
          `"${d.object}" is not an object on this page.`,
          `Use one of: ${objects
            .map((o) => o.anchor)
            .filter((a) => a !== null)
            .join(', ')}, or leave object out.`,
        );
    });
    data.formerSlugs.forEach((old, i) => {
      const owner = concepts.get(old);
      if (owner || formerOwner.has(old))
        add(
          file,
          `formerSlugs[${i}]`,
          `"${old}" is ${owner ? 'the slug of a concept in the atlas' : `also a former slug of ${formerOwner.get(old)}`}, so notes stored under it could not be moved to one place.`,
          'Remove it: a former slug belongs to one renamed concept, and never to a live one.',
        );
      else formerOwner.set(old, concept.id);
    });
    for (const span of math) {
      const error = texError(span.tex, span.display);
      if (error)
        add(
          file,
          `body (line ${span.line} of the body)`,
          `KaTeX cannot render "${span.tex}": ${error}`,
          texFix,
        );
    }
    if (data.status === 'complete') checkComplete(concept, add);
    else if (concept.body.trim() !== '')
      add(
        file,
        'body',
        'a planned concept has a body, which would read as a written notebook.',
        'Remove the body (keep only the frontmatter), or write all four sections and set status: complete.',
      );
  }

  for (const lab of LABS)
    published.push({ object: labObject(lab), file: 'src/lib/object-ids.ts', field: 'LABS' });
  if (atlas.objectRegistry) checkRegistry(atlas.objectRegistry, published, add);

  for (const model of atlas.models ?? [])
    model.data.sources.forEach((id, i) => paperRef(model.file, `sources[${i}]`, id));
  for (const gpu of atlas.gpus ?? [])
    gpu.data.sources.forEach((id, i) => paperRef(gpu.file, `sources[${i}]`, id));
  const models = new Set((atlas.models ?? []).map((m) => m.id));
  for (const scenario of atlas.leverScenarios ?? []) {
    if (!models.has(scenario.data.model))
      add(
        scenario.file,
        'model',
        `model "${scenario.data.model}" is not a preset.`,
        `Use a file name from content/models/${suggest(scenario.data.model, models)}.`,
      );
    if (scenario.data.tp > scenario.data.gpus)
      add(
        scenario.file,
        'tp',
        `tp ${scenario.data.tp} needs at least that many GPUs.`,
        'Raise gpus or lower tp.',
      );
  }

  for (const paper of atlas.papers)
    paper.data.concepts.forEach((slug, i) => conceptRef(paper.file, `concepts[${i}]`, slug, 'concept'));
  checkPaperIdentity(atlas, add);

  const cycle = findCycle(
    atlas.concepts.map((c) => ({ id: c.id, prerequisites: c.data.prerequisites.map((p) => p.slug) })),
  );
  if (cycle) {
    const last = concepts.get(cycle[cycle.length - 1]);
    add(
      last?.file ?? 'content/concepts',
      'prerequisites',
      `prerequisite cycle: ${cycle.join(' -> ')}.`,
      'A concept cannot (even indirectly) require itself: remove one of these prerequisite edges.',
    );
  }

  for (const track of atlas.tracks) {
    const position = new Map<string, number>();
    track.data.steps.forEach((slug, i) => {
      conceptRef(track.file, `steps[${i}]`, slug, 'step');
      if (position.has(slug))
        add(
          track.file,
          `steps[${i}]`,
          `"${slug}" appears twice (also at steps[${position.get(slug)}]).`,
          'Keep one.',
        );
      else position.set(slug, i);
    });
    track.data.steps.forEach((slug, i) => {
      for (const pre of concepts.get(slug)?.data.prerequisites ?? []) {
        const at = position.get(pre.slug);
        if (at !== undefined && at > i)
          add(
            track.file,
            `steps[${i}]`,
            `"${slug}" (step ${i + 1}) comes before its prerequisite "${pre.slug}" (step ${at + 1}).`,
            `Move "${pre.slug}" before "${slug}" in steps.`,
          );
      }
    });
  }
  return issues;
}

/**
 * One paper, one file: no arXiv id is registered twice, and no alias (compared without case)
 * points at two papers, so the mapper never has to guess which file a pasted id or name means.
 */
function checkPaperIdentity(
  atlas: AtlasInput,
  add: (file: string, field: string, message: string, fix: string) => void,
): void {
  const arxivOwner = new Map<string, string>();
  const aliasOwner = new Map<string, string>();
  for (const { file, data } of atlas.papers) {
    if (data.arxiv !== undefined) {
      const first = arxivOwner.get(data.arxiv);
      if (first)
        add(
          file,
          'arxiv',
          `${file} and ${first} both register arXiv ${data.arxiv}: one paper, two files.`,
          `Merge them: keep one file, copy over any concepts, aliases or route note only the other has, delete the other and point every sources list at the kept id.`,
        );
      else arxivOwner.set(data.arxiv, file);
    }
    (data.aliases ?? []).forEach((alias, i) => {
      const key = alias.toLowerCase();
      const first = aliasOwner.get(key);
      if (first && first !== file)
        add(
          file,
          `aliases[${i}]`,
          `alias "${alias}" is also an alias in ${first}, so the mapper could not tell which paper it means.`,
          `Keep the alias on the paper it names and remove it from the other file (a name several papers share belongs to a concept).`,
        );
      else if (!first) aliasOwner.set(key, file);
    });
  }
}

/** Where an author renames an object: the label in the body, the claim's `id`, or the slug. */
function objectField(object: AtlasObject, data: ConceptEntry['data']): string {
  if (object.kind === 'concept') return 'slug';
  if (object.kind === 'claim') {
    const i =
      data.claimBoundary?.sourced.findIndex((c) => `${object.concept}#${claimAnchor(c)}` === object.id) ?? -1;
    return i < 0 ? 'claimBoundary.sourced' : `claimBoundary.sourced[${i}]`;
  }
  if (object.kind === 'equation') return `body (\\label{${object.anchor!.replace(/^eq-/, '')}})`;
  return 'body';
}

/**
 * The registry of published ids agrees with the site: no current object takes a retired id, and
 * every id is recorded, and none vanished unrecorded (the author runs `npm run ids` for the last two).
 */
function checkRegistry(
  registry: { file: string; text: string | null },
  published: { object: AtlasObject; file: string; field: string }[],
  add: (file: string, field: string, message: string, fix: string) => void,
): void {
  if (registry.text === null) {
    add(
      registry.file,
      '(file)',
      'the registry of published object ids is missing.',
      'Run `npm run ids` to write it, and commit it.',
    );
    return;
  }
  const parsed = parseRegistry(registry.text);
  if (!parsed.ok) {
    add(
      registry.file,
      '(file)',
      `the registry of published object ids cannot be read: ${parsed.error}`,
      'Fix the line named (git diff shows what changed), then run `npm run ids`.',
    );
    return;
  }
  const where = new Map(published.map((p) => [p.object.id, p]));
  for (const problem of registryProblems(
    published.map((p) => p.object),
    parsed.registry,
  )) {
    const at = problem.problem === 'reused' ? where.get(problem.id) : undefined;
    add(at?.file ?? registry.file, at?.field ?? problem.id, problem.message, problem.fix);
  }
}

const texFix =
  'Fix the TeX (check it at katex.org) — every formula is rendered at build time with strict KaTeX.';

function checkComplete(
  concept: ConceptEntry,
  add: (file: string, field: string, message: string, fix: string) => void,
): void {
  const { data, file } = concept;
  const titles = splitSections(concept.body).map((s) => s.title);
  const expected = NOTEBOOK_SECTIONS.join(', ');
  if (titles.join('|') !== NOTEBOOK_SECTIONS.join('|')) {
    const missing = NOTEBOOK_SECTIONS.filter((t) => !titles.includes(t));
    const problem =
      missing.length > 0
        ? `is missing the section${missing.length > 1 ? 's' : ''} ${missing.map((t) => `"## ${t}"`).join(', ')}`
        : `has its sections as ${titles.map((t) => `"## ${t}"`).join(', ')}`;
    add(
      file,
      'body',
      `a complete notebook ${problem}.`,
      `Give the body exactly the level-2 sections ${expected}, in that order (use ### inside them).`,
    );
  }
  // A link from the site root breaks when the site is served under a base path (BASE_PATH).
  const rooted = [...concept.body.matchAll(/\]\((\/[^)\s]*)\)|href="(\/[^"]*)"/g)].map((m) => m[1] ?? m[2]);
  if (rooted.length > 0)
    add(
      file,
      'body',
      `links from the site root (${rooted.join(', ')}) break when the site is served under a base path.`,
      'Link relative to the notebook instead, e.g. [the KV cache](../kv-cache/).',
    );
  const code = splitSections(concept.body).find((s) => s.title === 'Code');
  if (code && !/<Witness\s*\/>/.test(code.content))
    add(
      file,
      'body',
      'the Code section does not show the witness.',
      'Add the line <Witness /> to the Code section.',
    );
  if (!concept.hasWitness)
    add(
      file,
      'witness.py',
      'a complete notebook has no witness.py beside it.',
      'Add witness.py: a NumPy program that computes, prints and asserts what the Math section says.',
    );
  const required: [keyof typeof data, string][] = [
    ['claimBoundary', 'claimBoundary: { shown, sourced, notShown }'],
    ['demo', 'demo: { kit, status, plan }'],
    ['nextQuestion', 'nextQuestion: { question, concept }'],
  ];
  for (const [field, shape] of required)
    if (data[field] === undefined)
      add(file, field, `a complete notebook needs ${field}.`, `Add ${shape} to the frontmatter.`);
  if (data.sources.length === 0)
    add(file, 'sources', 'a complete notebook cites no source.', 'List the paper ids that back its numbers.');
  if (data.discussion.length === 0)
    add(
      file,
      'discussion',
      'a complete notebook has no discussion prompt.',
      'Add discussion: [{ prompt, section }] with one to three open questions, section one of intuition, math, code, demo.',
    );
}

function fixForUnknown(slug: string, known: Iterable<string>): string {
  return `Correct the slug${suggest(slug, known)}, or add content/concepts/${slug}/index.mdx (status: planned).`;
}

/** " (did you mean x?)" for the closest known id by edit distance, if close enough. */
function suggest(slug: string, known: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(slug.length / 3)) + 1;
  for (const candidate of known) {
    const d = editDistance(slug, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** All issues as one message block for a failed build. */
export function formatIssues(issues: readonly AtlasIssue[]): string {
  const lines = issues.map((i) => `- ${i.file} › ${i.field}: ${i.message}\n  Fix: ${i.fix}`);
  return `The atlas has ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n${lines.join('\n')}`;
}
