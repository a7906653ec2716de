/**
 * Isomorphic: the stable ids of the objects a reader can attach a note to, and their anchors on the
 * page. The build (validation, pages, the equation-label remark plugin), the islands and the tests
 * all derive ids here, so an id is computed one way only.
 *
 * An object id is the concept's slug, then "#" and the anchor of the object on the concept's page:
 *
 *   kv-cache                          the concept itself (its page)
 *   kv-cache#eq-mem-kv                a labelled display equation: `\label{mem-kv}` inside $$…$$
 *   kv-cache#witness                  the code witness (witness.py)
 *   kv-cache#demo                     the demo section
 *   kv-cache#claim-boundary           the claim boundary as a whole
 *   kv-cache#claim-<source>-<hash>    one sourced claim ("paper claim"), or claim-<id> when the author sets one
 *   lab-kv-cache-lever                a lab page (LABS below); the build refuses a concept slug starting "lab-"
 *
 * Ids come from content, never from position: reordering equations or claims changes no id, and a
 * reworded sourced claim gets a new id (its old notes are then listed as "no longer on the site",
 * text intact) unless the author pins it with `id:`. Slugs are unique, and the build checks that the
 * anchors inside one page are (see `duplicateObjectIssues`), so ids are unique across the atlas.
 */
import { SLUG_PATTERN } from '../schemas/slug-rule';

export type ObjectKind = 'concept' | 'equation' | 'witness' | 'demo' | 'claim-boundary' | 'claim' | 'lab';

/** One object a note can be attached to. */
export interface AtlasObject {
  /** Stable id, e.g. "kv-cache#eq-mem-kv". */
  id: string;
  /** Slug of the concept whose page shows it (for a lab, the lab's id). */
  concept: string;
  /** The page that shows it, as a site path without the base: "concepts/kv-cache/". */
  path: string;
  /** The element id on the concept's page, or null for the concept itself (the top of the page). */
  anchor: string | null;
  kind: ObjectKind;
  /** What a reader calls it, e.g. "Equation mem-kv". */
  label: string;
}

export const WITNESS_ANCHOR = 'witness';
export const DEMO_ANCHOR = 'demo';
export const CLAIM_BOUNDARY_ANCHOR = 'claim-boundary';

/** An equation label: kebab-case, like a slug. */
export const LABEL_PATTERN = SLUG_PATTERN;
const LABEL_COMMAND = /\\label\s*\{([^{}]*)\}/g;

/** `\label{…}` commands of a formula, removed (KaTeX does not know `\label`), and the labels found. */
export function splitEquationLabels(tex: string): { tex: string; labels: string[] } {
  const labels = [...tex.matchAll(LABEL_COMMAND)].map((m) => m[1]!.trim());
  return { tex: labels.length === 0 ? tex : tex.replace(LABEL_COMMAND, '').trim(), labels };
}

export const equationAnchor = (label: string): string => `eq-${label}`;

/** "kv-cache" or "kv-cache#eq-mem-kv". */
export const objectId = (concept: string, anchor: string | null = null): string =>
  anchor === null ? concept : `${concept}#${anchor}`;

/**
 * Where a concept lives now: its slug followed through renames (former slug → slug, from the
 * concepts' `formerSlugs`), chains included; a cycle stops where it would repeat.
 */
export function currentSlug(slug: string, renames: Readonly<Record<string, string>>): string {
  const seen = new Set<string>();
  let at = slug;
  while (Object.hasOwn(renames, at) && !seen.has(at)) {
    seen.add(at);
    at = renames[at]!;
  }
  return at;
}

/** The two halves of an object id. */
export function splitObjectId(id: string): { concept: string; anchor: string | null } {
  const at = id.indexOf('#');
  return at < 0 ? { concept: id, anchor: null } : { concept: id.slice(0, at), anchor: id.slice(at + 1) };
}

/** What an object id must look like: a slug, optionally "#" and a kebab-case anchor. */
export const OBJECT_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:#[a-z0-9]+(?:-[a-z0-9]+)*)?$/;

/** FNV-1a, 32 bits, as 7 base-36 digits: a short, stable fingerprint of a text (not a security hash). */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text.normalize('NFC').replace(/\s+/g, ' ').trim()) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0');
}

/** A sourced claim's anchor: the author's `id`, else its source and a fingerprint of its wording. */
export function claimAnchor(claim: { claim: string; source: string; id?: string | undefined }): string {
  return `claim-${claim.id ?? `${claim.source}-${fingerprint(claim.claim)}`}`;
}

const shorten = (text: string, max = 80) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** What `conceptObjects` needs to know about a concept. */
export interface ObjectSource {
  slug: string;
  title: string;
  complete: boolean;
  /** Labels of the page's display equations, in order (one per labelled equation). */
  equationLabels: string[];
  hasWitness: boolean;
  claimBoundary?: { sourced: { claim: string; source: string; id?: string | undefined }[] } | undefined;
}

/** One object on a concept's page. */
export const conceptObject = (slug: string, kind: ObjectKind, anchor: string | null, label: string): AtlasObject => ({
  id: objectId(slug, anchor),
  concept: slug,
  path: `concepts/${slug}/`,
  anchor,
  kind,
  label,
});

/** Every object a concept's page shows, in page order. Anchors may repeat here; the build checks. */
export function conceptObjects(source: ObjectSource): AtlasObject[] {
  const { slug } = source;
  const make = (kind: ObjectKind, anchor: string | null, label: string) => conceptObject(slug, kind, anchor, label);
  const objects = [make('concept', null, source.title)];
  if (!source.complete) return objects;
  for (const label of source.equationLabels) objects.push(make('equation', equationAnchor(label), `Equation ${label}`));
  if (source.hasWitness) objects.push(make('witness', WITNESS_ANCHOR, 'Code witness'));
  objects.push(make('demo', DEMO_ANCHOR, 'Demo'));
  if (source.claimBoundary) {
    objects.push(make('claim-boundary', CLAIM_BOUNDARY_ANCHOR, 'Claim boundary'));
    for (const c of source.claimBoundary.sourced)
      objects.push(make('claim', claimAnchor(c), `Sourced claim: ${shorten(c.claim)}`));
  }
  return objects;
}

/** Pages outside the notebooks that are objects of their own, with the title a reader knows them by. */
export const LABS = [{ slug: 'kv-cache-lever', title: 'Predict the KV-cache lever (lab)' }] as const;
export const LAB_PREFIX = 'lab-';

/** A lab page as an object: id "lab-<slug>", shown at /labs/<slug>/. */
export function labObject(lab: { slug: string; title: string }): AtlasObject {
  const id = `${LAB_PREFIX}${lab.slug}`;
  return { id, concept: id, path: `labs/${lab.slug}/`, anchor: null, kind: 'lab', label: lab.title };
}

/**
 * Problems with a page's equation labels and object ids, each a sentence an author can act on:
 * a label that is not kebab-case, two labels in one equation, a label on inline math, and an id
 * derived twice.
 */
export function objectIssues(
  equations: { labels: string[]; display: boolean; line: number }[],
  objects: AtlasObject[],
): string[] {
  const issues: string[] = [];
  for (const eq of equations) {
    if (eq.labels.length === 0) continue;
    if (!eq.display)
      issues.push(
        `line ${eq.line}: \\label{${eq.labels[0]}} is on inline math; only display equations ($$ … $$) get a label and an anchor. Move the label or remove it.`,
      );
    if (eq.labels.length > 1)
      issues.push(
        `line ${eq.line}: one equation has ${eq.labels.length} labels (${eq.labels.join(', ')}); give it exactly one.`,
      );
    for (const label of eq.labels)
      if (!LABEL_PATTERN.test(label))
        issues.push(
          `line ${eq.line}: the equation label "${label}" is not kebab-case (lowercase letters, digits and single hyphens, e.g. \\label{mem-kv}).`,
        );
  }
  const seen = new Map<string, AtlasObject>();
  for (const object of objects) {
    const first = seen.get(object.id);
    if (!first) {
      seen.set(object.id, object);
      continue;
    }
    issues.push(
      object.kind === 'claim'
        ? `two sourced claims derive the same id "${object.id}" (the same source and wording); merge them, or give one an \`id:\`.`
        : `the id "${object.id}" is derived twice (${first.label} and ${object.label}); every labelled equation needs its own \\label.`,
    );
  }
  return issues;
}

/** The notebook sections a discussion prompt names, and the object each one attaches to by default. */
export function discussionObject(
  objects: AtlasObject[],
  prompt: { section: string; object?: string | undefined },
): AtlasObject | undefined {
  const concept = objects[0];
  if (prompt.object !== undefined) return objects.find((o) => o.anchor === prompt.object);
  switch (prompt.section) {
    case 'math':
      return objects.find((o) => o.kind === 'equation') ?? concept;
    case 'code':
      return objects.find((o) => o.kind === 'witness') ?? concept;
    case 'demo':
      return objects.find((o) => o.kind === 'demo') ?? concept;
    default:
      return concept;
  }
}
