// The KV-cache notebook's witness (NumPy, from the models' config.json fields) and the calculator
// (TypeScript, from the presets in content/models/) must compute the same bytes. This runs the
// witness, reads the figures it prints, and compares each with the calculator's for that preset.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { kvCache, type Architecture, type KvDtype } from '../../src/lib/kv-cache/model';

const PYTHON = process.env.PYTHON ?? 'python3';

/**
 * The witness's printed model name and the preset that describes the same attention shapes.
 * The witness cites Meta-Llama-3-8B's config; the calculator's preset is Llama 3.1 8B, whose
 * config has the same 32 layers, 8 key/value heads of 128 and bf16 (the 3.1 release changed
 * RoPE scaling and the context length, neither of which enters the bytes per token).
 */
const PAIRS = [
  { printed: 'Llama 2 7B', preset: 'llama-2-7b' },
  { printed: 'Llama 3 8B', preset: 'llama-3-1-8b' },
];

/** "1,234" → 1234n */
const integer = (text: string) => BigInt(text.replaceAll(',', ''));

function witnessFigures() {
  const run = spawnSync(PYTHON, ['content/concepts/kv-cache/witness.py'], { encoding: 'utf8', timeout: 50_000 });
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  const lines = run.stdout.split('\n');
  return PAIRS.map(({ printed, preset }) => {
    const at = lines.findIndex((l) => l.startsWith(`${printed}:`));
    expect(at, `the witness prints a line for ${printed}`).toBeGreaterThanOrEqual(0);
    const perToken = /= ([\d,]+) bytes per token/.exec(lines[at]);
    const total = /at T = (\d+), B = (\d+): ([\d,]+) bytes/.exec(lines[at + 1]);
    expect(perToken && total, `figures for ${printed}: ${lines[at]} / ${lines[at + 1]}`).toBeTruthy();
    return {
      printed,
      preset,
      perToken: integer(perToken![1]),
      tokens: Number(total![1]),
      batch: Number(total![2]),
      total: integer(total![3]),
    };
  });
}

describe('the KV-cache witness and the calculator agree', () => {
  const figures = witnessFigures();

  it.each(figures)('$printed: bytes per token and for the batch match the $preset preset', (w) => {
    const model = parse(readFileSync(`content/models/${w.preset}.yaml`, 'utf8')) as Architecture & {
      dtype: KvDtype;
    };
    const calc = kvCache(model, { batch: w.batch, tokens: w.tokens, dtype: model.dtype });
    expect(calc.perTokenBytes).toBe(w.perToken);
    expect(calc.totalBytes).toBe(w.total);
  });
});
