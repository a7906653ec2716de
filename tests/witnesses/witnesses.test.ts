// Runs every concept's witness.py with Python 3 + NumPy. A witness passes when it exits 0;
// its asserts are the claims. A missing interpreter or NumPy fails loudly, never skips.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const CONCEPTS = 'content/concepts';
const PYTHON = process.env.PYTHON ?? 'python3';

const concepts = readdirSync(CONCEPTS).filter((slug) => existsSync(join(CONCEPTS, slug, 'index.mdx')));
const complete = concepts.filter((slug) =>
  /^status:\s*complete\s*$/m.test(readFileSync(join(CONCEPTS, slug, 'index.mdx'), 'utf8')),
);
const witnesses = concepts.filter((slug) => existsSync(join(CONCEPTS, slug, 'witness.py')));

describe('code witnesses', () => {
  beforeAll(() => {
    const probe = spawnSync(PYTHON, ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
    if (probe.error)
      throw new Error(`Cannot run "${PYTHON}": install Python 3 (or set PYTHON=/path/to/python3).`);
    if (probe.status !== 0)
      throw new Error(
        `"${PYTHON}" has no NumPy: install it (pip install numpy, or apt-get install python3-numpy).`,
      );
  });

  it('finds a witness for every complete concept', () => {
    expect(complete.length).toBeGreaterThan(0);
    expect(complete.filter((slug) => !witnesses.includes(slug))).toEqual([]);
  });

  it.each(witnesses)('%s/witness.py runs and its asserts hold', (slug) => {
    const run = spawnSync(PYTHON, [join(CONCEPTS, slug, 'witness.py')], {
      encoding: 'utf8',
      timeout: 50_000,
    });
    const output = `${run.stdout}\n${run.stderr}`.trim();
    expect(run.error, output).toBeUndefined();
    expect(run.status, output).toBe(0);
    expect(run.stdout.trim().length, 'a witness prints what it shows').toBeGreaterThan(0);
  });
});
