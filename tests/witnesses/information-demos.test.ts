// The entropy, cross-entropy and KL-divergence notebooks quote numbers from their witnesses
// (NumPy) for the states their distribution labs open with; the lab computes the same numbers in
// TypeScript (src/lib/distributions). This runs each witness, reads the figures it prints for
// those states, and compares them with the lab's.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { analyse, crossEntropy, entropy, kl, type LabState } from '../../src/lib/distributions';

const PYTHON = process.env.PYTHON ?? 'python3';

function run(slug: string): string {
  const out = spawnSync(PYTHON, [`content/concepts/${slug}/witness.py`], { encoding: 'utf8', timeout: 50_000 });
  expect(out.status, `${out.stdout}\n${out.stderr}`).toBe(0);
  return out.stdout;
}

/** The first number after `label` in the witness's output. */
function figure(stdout: string, label: RegExp): number {
  const m = label.exec(stdout);
  expect(m, `the witness prints ${label}`).toBeTruthy();
  return Number(m![1]);
}

const state = (p: number[], q: number[]): LabState => ({
  labels: p.map((_, i) => String(i + 1)),
  pMode: 'weights',
  pWeights: p,
  logits: p.map(() => 0),
  temperature: 1,
  qWeights: q,
  unit: 'bits',
});
const value = (a: ReturnType<typeof kl>) => (a.finite ? a.value : Infinity);

describe('information notebooks: witness and distribution lab agree', () => {
  it('entropy: the prediction\'s two distributions', () => {
    const out = run('entropy');
    expect(entropy([0.5, 0.5, 0, 0])).toBeCloseTo(figure(out, /H\(0\.5, 0\.5, 0, 0\)\s+= ([\d.]+) bits/), 4);
    expect(entropy([0.7, 0.1, 0.1, 0.1])).toBeCloseTo(figure(out, /H\(0\.7, 0\.1, 0\.1, 0\.1\) = ([\d.]+) bits/), 4);
    expect(analyse(state([7, 1, 1, 1], [1, 1, 1, 1])).hQ).toBeCloseTo(2, 12);
  });

  it('cross-entropy: data P = (0.4, 0.3, 0.2, 0.1) against a uniform and a perfect model', () => {
    const out = run('cross-entropy');
    const P = [0.4, 0.3, 0.2, 0.1];
    expect(value(crossEntropy(P, [0.25, 0.25, 0.25, 0.25]))).toBeCloseTo(figure(out, /H\(P, uniform\) = ([\d.]+)/), 3);
    expect(value(crossEntropy(P, P))).toBeCloseTo(figure(out, /H\(P, P\) = H\(P\) = ([\d.]+)/), 3);
    expect(value(crossEntropy(P, [1, 0, 0, 0]))).toBe(Infinity);
  });

  it('KL divergence: the demo\'s two bumps, both directions, and the zero in Q', () => {
    const out = run('kl-divergence');
    const P = [6, 3, 1, 1, 3, 6];
    for (const [name, Q] of [
      ['Q_mid', [1, 2, 6, 6, 2, 1]],
      ['Q_left', [8, 3, 1, 0.2, 0.1, 0.1]],
    ] as const) {
      const r = analyse(state(P, [...Q]));
      const line = new RegExp(`demo ${name}\\s*: KL\\(P\\|\\|Q\\) = ([\\d.]+) bits, KL\\(Q\\|\\|P\\) = ([\\d.]+) bits`).exec(out);
      expect(line, `the witness prints the ${name} line`).toBeTruthy();
      expect(value(r.klPQ)).toBeCloseTo(Number(line![1]), 3);
      expect(value(r.klQP)).toBeCloseTo(Number(line![2]), 3);
    }
    const zero = analyse(state(P, [1, 2, 6, 6, 2, 0]));
    expect(zero.klPQ.finite).toBe(false);
    expect(value(zero.klQP)).toBeCloseTo(figure(out, /outcome 6: KL\(P\|\|Q\) = inf, KL\(Q\|\|P\) = ([\d.]+) bits/), 3);
  });
});
