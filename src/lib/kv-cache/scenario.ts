/**
 * Isomorphic: a lab scenario (a preset plus workload and hardware) as the calculator reads it. The
 * scenario becomes the calculator's own query string and goes through its parser, so the lab and the
 * calculator it links to can never disagree.
 */
import type { Scenario } from './levers';
import { type Preset, parseValues, resolveValues } from './params';

/** The workload and hardware a scenario sets; the model's architecture comes from its preset. */
export interface ScenarioSetup {
  model: string;
  batch: number;
  tokens: number;
  /** KV dtype; the model's own when absent. */
  dtype?: string;
  tp: number;
  gpus: number;
  gpuMemGiB: number;
}

/** The calculator's query string for a scenario, so a link opens the calculator on the same inputs. */
export function scenarioQuery(s: ScenarioSetup): URLSearchParams {
  const q = new URLSearchParams();
  q.set('model', s.model);
  q.set('batch', String(s.batch));
  q.set('tokens', String(s.tokens));
  if (s.dtype !== undefined) q.set('dtype', s.dtype);
  q.set('tp', String(s.tp));
  q.set('gpus', String(s.gpus));
  q.set('gpu_mem_gib', String(s.gpuMemGiB));
  return q;
}

/**
 * The scenario as the calculator reads it from scenarioQuery: the same defaults, preset and
 * validation, so the lab and the linked calculator can never disagree. Errors are one sentence.
 */
export function scenarioOf(
  s: ScenarioSetup,
  presets: Record<string, Preset>,
): { ok: true; scenario: Scenario } | { ok: false; error: string } {
  const { values } = resolveValues(scenarioQuery(s), presets);
  const { parsed, errors } = parseValues(values, presets);
  if (parsed) return { ok: true, scenario: parsed };
  const problems = Object.entries(errors).map(([field, message]) => `${field}: ${message}`);
  return { ok: false, error: `Scenario for "${s.model}" is not valid — ${problems.join(' ')}` };
}
