/**
 * Isomorphic: read a JSON document the reader's browser stored or the reader imported, against a
 * schema. Never throws; a problem comes back as one sentence that names where it is.
 *
 * The stored formats are declared with zod/mini (a few kB in the browser, where full zod would be
 * about 24 kB gzipped) and its English messages; content schemas, which run only at build time,
 * use full zod.
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { SLUG_MESSAGE, SLUG_PATTERN } from '../schemas/slug-rule';

z.config(en());

export { z };

/** A public slug, the same rule as the content schemas'. */
export const StoredSlug = z.string().check(z.regex(SLUG_PATTERN, SLUG_MESSAGE));

export type ParsedJson<T> = { ok: true; data: T } | { ok: false; error: string };

/**
 * @param notJson   the sentence when the text is not JSON at all
 * @param notFormat the start of the sentence when the JSON has the wrong shape
 */
export function parseStoredJson<S extends z.ZodMiniType>(
  text: string,
  schema: S,
  notJson: string,
  notFormat: string,
): ParsedJson<z.infer<S>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: notJson };
  }
  const parsed = z.safeParse(schema, json);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
  return { ok: false, error: `${notFormat}${where}: ${issue.message}.` };
}
