/**
 * Isomorphic: the one rule for every public id in the atlas (concept, domain, track, paper), with no
 * dependency, so browser code (src/lib/stored-json.ts) can use it without pulling in full zod, which
 * src/schemas/slug.ts builds the content schemas' SlugSchema with.
 */

/** Kebab-case, lower-case ASCII: slugs are public URLs and must never need escaping. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MESSAGE = 'must be kebab-case: lower-case letters, digits and single hyphens';
