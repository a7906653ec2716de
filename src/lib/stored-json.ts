/**
 * Isomorphic: read a JSON document the reader's browser stored or the reader imported, against a
 * zod schema. Never throws; a problem comes back as one sentence that names where it is.
 */
import type { z } from 'zod';

export type ParsedJson<T> = { ok: true; data: T } | { ok: false; error: string };

/**
 * @param notJson   the sentence when the text is not JSON at all
 * @param notFormat the start of the sentence when the JSON has the wrong shape
 */
export function parseStoredJson<S extends z.ZodType>(
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
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
  return { ok: false, error: `${notFormat}${where}: ${issue.message}.` };
}
