/**
 * Isomorphic: the registry of every object id the atlas has ever published (content/object-ids.yaml),
 * so an id is never reused for a different object. Readers' notes hold object ids
 * (src/lib/object-ids.ts); if `\label{mem-kv}` were deleted and later given to another equation,
 * the old notes would silently attach to the new one. The registry remembers the id as retired, and
 * the build refuses a current object that takes it.
 *
 * The file is written by `npm run ids` (scripts/object-ids.mjs, through `updateRegistry`) and
 * checked by the build and a unit test (through `registryProblems`). One id per line, sorted, and
 * a retired entry keeps its date forever, so re-running the script on unchanged content changes
 * nothing and two branches that add ids merge line by line.
 */
import { isMap, isNode, isScalar, parseDocument } from 'yaml';
import { z } from 'zod';
import { currentSlug, OBJECT_ID_PATTERN, splitObjectId, type AtlasObject, type ObjectKind } from './object-ids';

export const REGISTRY_FILE = 'content/object-ids.yaml';

/** Why an object of each kind left the site when nothing else explains it. */
const KIND_GONE: Record<ObjectKind, string> = {
  concept: 'concept removed',
  equation: 'label removed',
  witness: 'code witness removed',
  demo: 'demo removed',
  'claim-boundary': 'claim boundary removed',
  claim: 'sourced claim reworded or removed',
  lab: 'lab removed',
};
const KINDS = Object.keys(KIND_GONE) as [ObjectKind, ...ObjectKind[]];
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const EntrySchema = z
  .object({
    kind: z.enum(KINDS),
    /** What the object was called when it was last on the site. */
    label: z.string().min(1),
    /** The day it left the site, YYYY-MM-DD. */
    retired: z.string().regex(DATE_PATTERN, 'must be a date, YYYY-MM-DD').optional(),
    /** One line: why it left, e.g. "label removed" or "moved to kv-cache". */
    reason: z.string().min(1).optional(),
  })
  .strict()
  .refine((e) => (e.retired === undefined) === (e.reason === undefined), {
    message: 'a retired entry needs both `retired` (the date) and `reason`',
  });
export type RegistryEntry = z.infer<typeof EntrySchema>;
/** Object id → entry. */
export type Registry = Record<string, RegistryEntry>;

export type ParsedRegistry = { ok: true; registry: Registry } | { ok: false; error: string };

/**
 * Reads the registry file's text; never throws, says in a sentence what is wrong. An id listed
 * twice (as a merge that keeps both sides' lines leaves it) is read once: retired if either line
 * retires it, on the earlier date.
 */
export function parseRegistry(text: string): ParsedRegistry {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0)
    return { ok: false, error: `it is not valid YAML (${doc.errors[0]!.message.split('\n')[0]}).` };
  if (doc.contents === null) return { ok: true, registry: {} };
  if (!isMap(doc.contents)) return { ok: false, error: 'it must map each object id to { kind, label }.' };
  const registry: Registry = {};
  for (const pair of doc.contents.items) {
    const id = String(isScalar(pair.key) ? pair.key.value : pair.key);
    if (!OBJECT_ID_PATTERN.test(id))
      return { ok: false, error: `"${id}" is not an object id (a slug with an optional #anchor).` };
    const entry = EntrySchema.safeParse(isNode(pair.value) ? pair.value.toJSON() : pair.value);
    if (!entry.success) {
      const issue = entry.error.issues[0]!;
      const field = issue.path.length > 0 ? `${issue.path.join('.')} ` : '';
      return { ok: false, error: `the entry "${id}": ${field}${issue.message}.` };
    }
    const seen = Object.hasOwn(registry, id) ? registry[id]! : undefined;
    if (
      seen?.retired !== undefined &&
      (entry.data.retired === undefined || seen.retired <= entry.data.retired)
    )
      continue;
    registry[id] = entry.data;
  }
  return { ok: true, registry };
}

const HEADER = [
  '# Every object id the atlas has published: readers attach notes to these ids, so an id is never reused.',
  '# Written by `npm run ids` (src/lib/object-registry.ts); the build fails when this file and the content disagree.',
  '# An entry with `retired` left the site on that day; its id cannot name a new object.',
];

/** The registry as the file's text: a comment, then one sorted line per id. */
export function formatRegistry(registry: Registry): string {
  const q = JSON.stringify;
  const lines = Object.keys(registry)
    .sort(compareIds)
    .map((id) => {
      const e = registry[id]!;
      const fields = [`kind: ${e.kind}`, `label: ${q(e.label)}`];
      if (e.retired !== undefined) fields.push(`retired: ${q(e.retired)}`, `reason: ${q(e.reason)}`);
      return `${id}: {${fields.join(', ')}}`;
    });
  return `${[...HEADER, ...lines].join('\n')}\n`;
}

/** Code-point order, so the file's order does not depend on the machine's locale. */
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One disagreement between the content and the registry, phrased for the author. */
export interface RegistryProblem {
  id: string;
  /**
   * reused: a current object has a retired id; returned: a page part came back with its concept;
   * unrecorded: a new id; vanished: an id left without being retired.
   */
  problem: 'reused' | 'returned' | 'unrecorded' | 'vanished';
  message: string;
  fix: string;
}

/** How an author gives a new object an id of its own. */
const CHOOSE_ANOTHER: Record<ObjectKind, string> = {
  concept: 'Choose another slug (the folder name).',
  equation: 'Choose another label.',
  claim: 'Choose another claim id (set `id:` on the claim).',
  lab: 'Choose another lab slug (LABS in src/lib/object-ids.ts).',
  witness: 'Choose another slug for the concept.',
  demo: 'Choose another slug for the concept.',
  'claim-boundary': 'Choose another slug for the concept.',
};

/**
 * A page's witness, demo and claim boundary belong to its concept whatever their content: when
 * that concept is on the site, such an id coming back (a notebook set back to planned, then
 * written again) is the same object returning, not a new object taking an old id.
 */
function comesBack(
  id: string,
  kind: ObjectKind,
  now: ReadonlySet<string> | ReadonlyMap<string, unknown>,
): boolean {
  return (
    (kind === 'witness' || kind === 'demo' || kind === 'claim-boundary') && now.has(splitObjectId(id).concept)
  );
}

/** What is wrong between the objects on the site now and the registry, in id order. */
export function registryProblems(current: readonly AtlasObject[], registry: Registry): RegistryProblem[] {
  const problems: RegistryProblem[] = [];
  const now = new Set(current.map((o) => o.id));
  for (const id of [...now].sort(compareIds)) {
    const entry = Object.hasOwn(registry, id) ? registry[id] : undefined;
    if (!entry)
      problems.push({
        id,
        problem: 'unrecorded',
        message: `new object id ${id} is not recorded.`,
        fix: 'Run `npm run ids` to record it.',
      });
    else if (entry.retired !== undefined && comesBack(id, entry.kind, now))
      problems.push({
        id,
        problem: 'returned',
        message: `${id} was retired on ${entry.retired} (${entry.reason}) and is back on the site.`,
        fix: 'Run `npm run ids` to record it again (it is the same part of the same page, so notes on it apply again).',
      });
    else if (entry.retired !== undefined)
      problems.push({
        id,
        problem: 'reused',
        message: `the id ${id} was retired on ${entry.retired} (${entry.reason}); it cannot name a new object.`,
        fix: `${CHOOSE_ANOTHER[entry.kind]} Only if this is the very object that was retired, brought back, delete the retired and reason fields of its line in ${REGISTRY_FILE}.`,
      });
  }
  for (const id of Object.keys(registry).sort(compareIds))
    if (!now.has(id) && registry[id]!.retired === undefined)
      problems.push({
        id,
        problem: 'vanished',
        message: `the object ${id} disappeared.`,
        fix: `If that is deliberate, run \`npm run ids\` to retire it (notes on it stay, listed as no longer on the site); otherwise restore it.`,
      });
  return problems;
}

/** What the script needs besides the objects: the day, and the concept renames (formerSlugs, old → new). */
export interface UpdateContext {
  /** YYYY-MM-DD, the date written on newly retired ids. */
  today: string;
  renames: Readonly<Record<string, string>>;
}

export interface RegistryUpdate {
  registry: Registry;
  /** Ids recorded for the first time. */
  added: string[];
  /** Ids retired by this update, with the reason written. */
  retired: { id: string; reason: string }[];
  /** Retired page parts (witness, demo, claim boundary) back on the site with their concept, recorded as current again. */
  restored: string[];
}

/**
 * The registry with new ids recorded and vanished ones retired (dated `today`, with the reason
 * inferred from what else changed). A current id keeps its entry, its label brought up to date; a
 * retired id stays retired even if an object takes it again (`registryProblems` reports that),
 * except a page part that came back with its concept (see `comesBack`); nothing else changes, so the update of an up-to-date registry is the registry itself.
 */
export function updateRegistry(
  registry: Registry,
  current: readonly AtlasObject[],
  context: UpdateContext,
): RegistryUpdate {
  const next: Registry = {};
  const added: string[] = [];
  const retired: { id: string; reason: string }[] = [];
  const restored: string[] = [];
  const now = new Map(current.map((o) => [o.id, o]));
  for (const [id, entry] of Object.entries(registry)) {
    const object = now.get(id);
    if (entry.retired !== undefined && object && comesBack(id, entry.kind, now)) {
      next[id] = { kind: object.kind, label: object.label };
      restored.push(id);
    } else if (entry.retired !== undefined) next[id] = entry;
    else if (object) next[id] = { kind: object.kind, label: object.label };
    else {
      const reason = retireReason(id, entry.kind, now, context.renames);
      next[id] = { ...entry, retired: context.today, reason };
      retired.push({ id, reason });
    }
  }
  for (const object of current)
    if (!Object.hasOwn(next, object.id)) {
      next[object.id] = { kind: object.kind, label: object.label };
      added.push(object.id);
    }
  return {
    registry: sortRegistry(next),
    added: added.sort(compareIds),
    retired,
    restored: restored.sort(compareIds),
  };
}

const sortRegistry = (registry: Registry): Registry =>
  Object.fromEntries(
    Object.keys(registry)
      .sort(compareIds)
      .map((id) => [id, registry[id]!]),
  );

/** Why an object left: its concept was renamed or removed, the notebook went back to planned, or the object itself went. */
function retireReason(
  id: string,
  kind: ObjectKind,
  now: ReadonlyMap<string, AtlasObject>,
  renames: Readonly<Record<string, string>>,
): string {
  if (kind === 'lab') return KIND_GONE.lab;
  const { concept } = splitObjectId(id);
  const renamedTo = currentSlug(concept, renames);
  if (renamedTo !== concept) return `moved to ${renamedTo}`;
  if (!now.has(concept)) return KIND_GONE.concept;
  // Every written notebook has a demo section; without one the page is planned again.
  if (kind !== 'concept' && !now.has(`${concept}#demo`)) return 'notebook set back to planned';
  return KIND_GONE[kind];
}

/** Retired ids → the sentence /notes/ shows beside a note whose object left, e.g. "label removed on 2026-05-01". */
export function retiredNotices(registry: Registry): Record<string, string> {
  return Object.fromEntries(
    Object.entries(registry).flatMap(([id, e]) =>
      e.retired === undefined ? [] : [[id, `${e.reason} on ${e.retired}`]],
    ),
  );
}
