/**
 * Node: the atlas's objects and concept renames read straight from content/, for `npm run ids`
 * (scripts/object-ids.mjs) and the unit test that checks the registry against the real content.
 * It reads a notebook the way the build does: the MDX integration's frontmatter parser, the
 * concept schema, the body trimmed, witness.py beside it; objects then come from the same
 * functions the build uses (src/lib/graph/objects.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { atlasObjects, renamesOf } from '../src/lib/graph/objects';
import type { ConceptEntry } from '../src/lib/graph/types';
import type { AtlasObject } from '../src/lib/object-ids';
import { ConceptSchema } from '../src/schemas/concept';

function readConcepts(root = '.'): ConceptEntry[] {
  const dir = join(root, 'content/concepts');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.mdx')))
    .map(({ name }) => {
      const file = `content/concepts/${name}/index.mdx`;
      const { frontmatter, content } = parseFrontmatter(readFileSync(join(root, file), 'utf8'), {
        frontmatter: 'empty-with-spaces',
      });
      const parsed = ConceptSchema.safeParse(frontmatter);
      if (!parsed.success)
        throw new Error(
          `${file}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`,
        );
      return {
        id: name,
        file,
        data: parsed.data,
        body: content.trim(),
        hasWitness: existsSync(join(dir, name, 'witness.py')),
      };
    });
}

/** The objects on the site now, and the renames (former slug → current slug). */
export function readAtlasObjects(root = '.'): { objects: AtlasObject[]; renames: Record<string, string> } {
  const concepts = readConcepts(root);
  return {
    objects: atlasObjects(concepts),
    renames: renamesOf(concepts),
  };
}
