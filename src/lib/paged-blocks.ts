/**
 * Isomorphic: the paged blocks simulator. One seeded stream of requests (random prompt and output
 * lengths, Poisson arrivals per decoding iteration) is served twice, by two KV-cache allocators
 * over the same number of token slots:
 *
 *   contiguous: each admitted request gets one contiguous chunk, first fit, sized by a policy:
 *     'max' reserves the maximum sequence length (Kwon et al. 2023's "Orca (Max)" baseline),
 *     'pow2' the prompt plus the output length rounded up to a power of two ("Orca (Pow2)"),
 *     'oracle' exactly prompt + output, as if the output length were known ("Orca (Oracle)");
 *   paged: fixed-size blocks taken from a free list on demand, as in PagedAttention (vLLM); a
 *     request holds ceil(tokens / blockSize) blocks anywhere in memory, and when no block is free
 *     for a growing request the youngest running request is preempted (recomputed later).
 *
 * Each step is one decoding iteration with iteration-level scheduling: arrivals join the queue,
 * every running request appends one token, finished requests free their memory, then waiting
 * requests are admitted first come, first served while they fit (their prompt is prefilled).
 * Every step records, per allocator, how the token slots split into token states, slots reserved
 * for tokens still to come, slots reserved but never to be used (internal fragmentation), free
 * slots in holes too small for the request at the head of the queue (external fragmentation), and
 * the rest of the free memory. No DOM here: the build and the island both import this module.
 */

/** How the contiguous allocator sizes a request's chunk. */
export const POLICIES = ['max', 'pow2', 'oracle'] as const;
export type Policy = (typeof POLICIES)[number];
export const POLICY_LABELS: Record<Policy, string> = {
  max: 'maximum length',
  pow2: 'output rounded up to a power of 2',
  oracle: 'exact length (oracle)',
};

export interface PagedConfig {
  /** Seed of the request stream. */
  seed: number;
  /** Mean number of requests arriving per decoding iteration (Poisson). */
  rate: number;
  /** Prompt length range in tokens, inclusive. */
  promptMin: number;
  promptMax: number;
  /** Output length range in tokens, inclusive (cut so that prompt + output <= maxLen). */
  outputMin: number;
  outputMax: number;
  /** Maximum sequence length: prompt plus output never exceeds it. */
  maxLen: number;
  /** Tokens per KV block of the paged allocator. */
  blockSize: number;
  /** KV memory in token slots, the same for both allocators (a whole number of blocks). */
  capacity: number;
  /** How the contiguous allocator sizes its chunks. */
  policy: Policy;
  /** Decoding iterations simulated. */
  steps: number;
}

export type Field = Exclude<keyof PagedConfig, 'policy'>;

export const DEFAULT_CONFIG: PagedConfig = {
  seed: 7,
  rate: 0.08,
  promptMin: 8,
  promptMax: 64,
  outputMin: 8,
  outputMax: 160,
  maxLen: 256,
  blockSize: 16,
  capacity: 1024,
  policy: 'max',
  steps: 200,
};

/** Names in the URL hash (short, stable). */
export const PARAM_KEYS: Record<keyof PagedConfig, string> = {
  seed: 'seed',
  rate: 'rate',
  promptMin: 'pmin',
  promptMax: 'pmax',
  outputMin: 'omin',
  outputMax: 'omax',
  maxLen: 'max',
  blockSize: 'block',
  capacity: 'cap',
  policy: 'policy',
  steps: 'steps',
};

/** Fixed bounds of each numeric field (further bounds depend on other fields, see clampConfig). */
export const LIMITS: Record<Field, { min: number; max: number; integer: boolean }> = {
  seed: { min: 0, max: 999_999, integer: true },
  rate: { min: 0, max: 4, integer: false },
  promptMin: { min: 1, max: 4095, integer: true },
  promptMax: { min: 1, max: 4095, integer: true },
  outputMin: { min: 1, max: 4095, integer: true },
  outputMax: { min: 1, max: 4095, integer: true },
  maxLen: { min: 8, max: 4096, integer: true },
  blockSize: { min: 1, max: 256, integer: true },
  capacity: { min: 64, max: 4096, integer: true },
  steps: { min: 10, max: 1000, integer: true },
};

export type RawConfig = Partial<Record<keyof PagedConfig, string | number | undefined>>;
export type Messages = Partial<Record<keyof PagedConfig, string>>;

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/**
 * Turn raw values (typed text, hash parameters) into a valid configuration. Anything missing,
 * unreadable or out of range is replaced or clamped, and the field gets a sentence saying what
 * was done; the result is always a configuration the simulator can run.
 */
export function clampConfig(raw: RawConfig): { config: PagedConfig; messages: Messages } {
  const messages: Messages = {};
  const say = (field: keyof PagedConfig, text: string) => {
    messages[field] = text; // the last word on a field describes its final value
  };

  const num = (field: Field): number => {
    const fallback = DEFAULT_CONFIG[field];
    const value = raw[field];
    if (value === undefined) return fallback;
    const text = String(value).trim();
    if (text === '') {
      say(field, `Empty, so the default ${fmt(fallback)} is used.`);
      return fallback;
    }
    const n = Number(text);
    if (!Number.isFinite(n)) {
      say(field, `“${text.slice(0, 24)}” is not a number, so the default ${fmt(fallback)} is used.`);
      return fallback;
    }
    const { min, max, integer } = LIMITS[field];
    let v = n;
    if (integer && !Number.isInteger(v)) {
      v = Math.round(v);
      say(field, `Rounded to ${fmt(v)}: this is a whole number.`);
    }
    return bound(field, v, min, max, '');
  };

  /** Clamp to [lo, hi] with a message naming the reason. */
  const bound = (field: keyof PagedConfig, v: number, lo: number, hi: number, why: string) => {
    if (v < lo) {
      say(field, `Raised to ${fmt(lo)}${why ? `: ${why}` : `, the smallest allowed`}.`);
      return lo;
    }
    if (v > hi) {
      say(field, `Lowered to ${fmt(hi)}${why ? `: ${why}` : `, the largest allowed`}.`);
      return hi;
    }
    return v;
  };

  const seed = num('seed');
  const rate = Math.round(num('rate') * 100) / 100;
  const steps = num('steps');
  const blockSize = num('blockSize');
  let capacity = num('capacity');
  // Both memories hold the same number of slots, and the paged one is made of whole blocks.
  if (capacity % blockSize !== 0) {
    const whole = Math.max(blockSize, capacity - (capacity % blockSize));
    say('capacity', `Rounded to ${fmt(whole)}, a whole number of ${blockSize}-token blocks.`);
    capacity = whole;
  }
  let maxLen = num('maxLen');
  maxLen = bound('maxLen', maxLen, LIMITS.maxLen.min, capacity, 'one full-length request must fit in memory');
  // A full-length request in blocks must fit too; capacity is a multiple of blockSize, so this holds
  // once maxLen <= capacity.
  const promptMin = bound(
    'promptMin',
    num('promptMin'),
    1,
    maxLen - 1,
    'a prompt leaves room for at least one output token',
  );
  const promptMax = bound(
    'promptMax',
    num('promptMax'),
    promptMin,
    maxLen - 1,
    promptMaxWhy(promptMin, maxLen),
  );
  const outputMin = bound(
    'outputMin',
    num('outputMin'),
    1,
    maxLen - 1,
    'an output fits within the maximum length',
  );
  const outputMax = bound(
    'outputMax',
    num('outputMax'),
    outputMin,
    maxLen - 1,
    outputMaxWhy(outputMin, maxLen),
  );

  let policy: Policy = DEFAULT_CONFIG.policy;
  if (raw.policy !== undefined) {
    const p = String(raw.policy).trim();
    if ((POLICIES as readonly string[]).includes(p)) policy = p as Policy;
    else say('policy', `Unknown policy “${p.slice(0, 24)}”, so “${POLICY_LABELS[policy]}” is used.`);
  }

  return {
    config: {
      seed,
      rate,
      promptMin,
      promptMax,
      outputMin,
      outputMax,
      maxLen,
      blockSize,
      capacity,
      policy,
      steps,
    },
    messages,
  };
}

function promptMaxWhy(min: number, maxLen: number) {
  return `it cannot be below the shortest prompt (${fmt(min)}) or reach the maximum length (${fmt(maxLen)})`;
}
function outputMaxWhy(min: number, maxLen: number) {
  return `it cannot be below the shortest output (${fmt(min)}) or reach the maximum length (${fmt(maxLen)})`;
}

/** Raw values from URL parameters (unknown keys are ignored). */
export function rawFromParams(params: URLSearchParams): RawConfig {
  const raw: RawConfig = {};
  for (const [field, key] of Object.entries(PARAM_KEYS) as [keyof PagedConfig, string][]) {
    const v = params.get(key);
    if (v !== null) raw[field] = v;
  }
  return raw;
}

/** URL parameters for a configuration, in a fixed order. */
export function configToParams(config: PagedConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, key] of Object.entries(PARAM_KEYS) as [keyof PagedConfig, string][])
    out[key] = String(config[field]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The request stream

/** A request: it arrives at a step, has a prompt and will generate `output` tokens. */
export interface Request {
  id: number;
  arrival: number;
  prompt: number;
  output: number;
}

/** Mulberry32: a small, fast, deterministic 32-bit generator; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw by multiplying uniforms (Knuth); fine for the small rates used here. */
export function poisson(rand: () => number, mean: number): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k += 1;
    p *= rand();
  }
  return k;
}

/**
 * The seeded request stream. Only the seed, the rate, the length ranges, the maximum length and
 * the number of steps shape it, so changing the block size, capacity or policy serves the very
 * same requests. An output is cut so that prompt + output <= maxLen.
 */
export function generateRequests(config: PagedConfig): Request[] {
  const rand = mulberry32(config.seed);
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const requests: Request[] = [];
  for (let step = 1; step <= config.steps; step++) {
    const k = poisson(rand, config.rate);
    for (let i = 0; i < k; i++) {
      const prompt = between(config.promptMin, config.promptMax);
      const output = Math.min(between(config.outputMin, config.outputMax), config.maxLen - prompt);
      requests.push({ id: requests.length + 1, arrival: step, prompt, output });
    }
  }
  return requests;
}

// ---------------------------------------------------------------------------------------------
// The two allocators

/** A request inside one allocator. */
interface Seq {
  req: Request;
  /** Output tokens whose keys and values are stored. */
  generated: number;
  /** Step of its first admission, or -1 while it has never run. */
  firstAdmitted: number;
  /** Contiguous: first slot and size of its chunk. */
  start: number;
  size: number;
  /** Paged: its block table, physical block numbers in logical order. */
  blocks: number[];
}

const stored = (s: Seq) => s.req.prompt + s.generated;
const finalLength = (s: Seq) => s.req.prompt + s.req.output;

/** Smallest power of two >= n (n >= 1). */
export function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Slots the contiguous allocator reserves for a request under a policy (never above maxLen). */
export function reservation(policy: Policy, req: Pick<Request, 'prompt' | 'output'>, maxLen: number): number {
  if (policy === 'max') return maxLen;
  if (policy === 'oracle') return req.prompt + req.output;
  return Math.min(maxLen, req.prompt + nextPow2(req.output));
}

/** What a token slot holds. */
export const SLOT = { free: 0, token: 1, future: 2, never: 3, stranded: 4 } as const;
export type SlotKind = (typeof SLOT)[keyof typeof SLOT];

/** Counts of one allocator at the end of a step; the five slot counts sum to the capacity. */
export interface Metrics {
  step: number;
  /** Slots holding keys and values of tokens (token states). */
  stored: number;
  /** Allocated slots that a running request will fill before it finishes. */
  future: number;
  /** Allocated slots that no token will ever fill (internal fragmentation). */
  never: number;
  /** Free slots in holes too small for the request at the head of the queue (0 when none waits). */
  stranded: number;
  /** The other free slots. */
  free: number;
  running: number;
  waiting: number;
  /** Requests admitted at least once, finished, and preemptions, since step 1. */
  admitted: number;
  finished: number;
  preemptions: number;
  /** Output tokens generated since step 1. */
  generated: number;
  /** Sum over admitted requests of (first admission step - arrival step). */
  waitSteps: number;
}

export type LaneKind = 'contiguous' | 'paged';

/** One allocator serving the request stream. */
export class Lane {
  readonly kind: LaneKind;
  readonly config: PagedConfig;
  /** Running requests in arrival order (ids ascending); waiting likewise. */
  running: Seq[] = [];
  waiting: Seq[] = [];
  /** Contiguous: owner request id of each slot, 0 when free. */
  readonly slotOwner: Int32Array;
  /** Paged: owner request id of each physical block, 0 when free, and the free list (FIFO). */
  readonly blockOwner: Int32Array;
  freeBlocks: number[] = [];
  admitted = 0;
  finished = 0;
  preemptions = 0;
  generated = 0;
  waitSteps = 0;

  constructor(kind: LaneKind, config: PagedConfig) {
    this.kind = kind;
    this.config = config;
    this.slotOwner = new Int32Array(kind === 'contiguous' ? config.capacity : 0);
    const blocks = config.capacity / config.blockSize;
    this.blockOwner = new Int32Array(kind === 'paged' ? blocks : 0);
    if (kind === 'paged') this.freeBlocks = Array.from({ length: blocks }, (_, i) => i);
  }

  /** Slots the request at the head of the queue needs: its chunk, or its prompt's blocks. */
  need(s: Seq): number {
    if (this.kind === 'contiguous') return reservation(this.config.policy, s.req, this.config.maxLen);
    return Math.ceil(stored(s) / this.config.blockSize) * this.config.blockSize;
  }

  /** First slot of the first free run of `size` slots, or -1. */
  firstFit(size: number): number {
    let run = 0;
    for (let i = 0; i < this.slotOwner.length; i++) {
      run = this.slotOwner[i] === 0 ? run + 1 : 0;
      if (run === size) return i - size + 1;
    }
    return -1;
  }

  /** Try to admit a waiting request (prefill its prompt, or recompute after a preemption). */
  tryAdmit(s: Seq): boolean {
    if (this.kind === 'contiguous') {
      const size = this.need(s);
      const start = this.firstFit(size);
      if (start < 0) return false;
      this.slotOwner.fill(s.req.id, start, start + size);
      s.start = start;
      s.size = size;
      return true;
    }
    const count = this.need(s) / this.config.blockSize;
    if (this.freeBlocks.length < count) return false;
    s.blocks = this.freeBlocks.splice(0, count);
    for (const b of s.blocks) this.blockOwner[b] = s.req.id;
    return true;
  }

  release(s: Seq) {
    if (this.kind === 'contiguous') {
      this.slotOwner.fill(0, s.start, s.start + s.size);
      s.start = -1;
      s.size = 0;
    } else {
      for (const b of s.blocks) this.blockOwner[b] = 0;
      this.freeBlocks.push(...s.blocks);
      s.blocks = [];
    }
  }

  /** Move a running request back to the queue; it keeps its tokens' count and is recomputed. */
  preempt(s: Seq) {
    this.release(s);
    this.running = this.running.filter((r) => r !== s);
    insertById(this.waiting, s);
    this.preemptions += 1;
  }

  /** One decoding iteration at `step`, given this step's arrivals. */
  step(step: number, arrivals: Request[]) {
    for (const req of arrivals)
      this.waiting.push({ req, generated: 0, firstAdmitted: -1, start: -1, size: 0, blocks: [] });

    const preemptedBefore = this.preemptions;
    // Decode: every running request appends one token, oldest first. A paged request whose last
    // block is full takes a new one; with none free, the youngest running request is preempted.
    for (const s of [...this.running]) {
      if (!this.running.includes(s)) continue; // preempted earlier in this loop
      if (this.kind === 'paged' && stored(s) % this.config.blockSize === 0) {
        while (this.freeBlocks.length === 0) this.preempt(this.running[this.running.length - 1]);
        if (!this.running.includes(s)) continue;
        const b = this.freeBlocks.shift()!;
        this.blockOwner[b] = s.req.id;
        s.blocks.push(b);
      }
      s.generated += 1;
      this.generated += 1;
    }

    // Finished requests free their memory at the end of the iteration that produced their last token.
    for (const s of this.running.filter((r) => r.generated === r.req.output)) {
      this.release(s);
      this.finished += 1;
    }
    this.running = this.running.filter((r) => r.generated < r.req.output);

    // Admission, first come first served: the head of the queue blocks everyone behind it. After a
    // preemption nothing is admitted in the same iteration (memory was just found to be short).
    while (
      this.waiting.length > 0 &&
      this.preemptions === preemptedBefore &&
      this.tryAdmit(this.waiting[0])
    ) {
      const s = this.waiting.shift()!;
      if (s.firstAdmitted < 0) {
        s.firstAdmitted = step;
        this.admitted += 1;
        this.waitSteps += step - s.req.arrival;
      }
      insertById(this.running, s);
    }
  }

  /** What every token slot holds, and the owner of every slot (0 when free). */
  slots(): { kind: Uint8Array; owner: Int32Array } {
    const { capacity, blockSize } = this.config;
    const kind = new Uint8Array(capacity);
    const owner = new Int32Array(capacity);
    const mark = (slot: number, s: Seq, index: number) => {
      owner[slot] = s.req.id;
      kind[slot] = index < stored(s) ? SLOT.token : index < finalLength(s) ? SLOT.future : SLOT.never;
    };
    for (const s of this.running) {
      if (this.kind === 'contiguous') for (let i = 0; i < s.size; i++) mark(s.start + i, s, i);
      else
        s.blocks.forEach((b, j) => {
          for (let i = 0; i < blockSize; i++) mark(b * blockSize + i, s, j * blockSize + i);
        });
    }
    // Free slots in holes smaller than what the head of the queue needs are stranded. Only the
    // contiguous allocator has such holes: a paged request takes any free blocks, wherever they are.
    const head = this.waiting[0];
    if (head && this.kind === 'contiguous') {
      const need = this.need(head);
      let i = 0;
      while (i < capacity) {
        if (owner[i] !== 0) {
          i += 1;
          continue;
        }
        let j = i;
        while (j < capacity && owner[j] === 0) j += 1;
        if (j - i < need) kind.fill(SLOT.stranded, i, j);
        i = j;
      }
    }
    return { kind, owner };
  }

  metrics(step: number): Metrics {
    const { kind } = this.slots();
    const count = [0, 0, 0, 0, 0];
    for (const k of kind) count[k] += 1;
    return {
      step,
      stored: count[SLOT.token],
      future: count[SLOT.future],
      never: count[SLOT.never],
      stranded: count[SLOT.stranded],
      free: count[SLOT.free],
      running: this.running.length,
      waiting: this.waiting.length,
      admitted: this.admitted,
      finished: this.finished,
      preemptions: this.preemptions,
      generated: this.generated,
      waitSteps: this.waitSteps,
    };
  }

  /** Who holds which memory, for the text equivalent of the picture. */
  holders(): Holder[] {
    return this.running.map((s) => ({
      id: s.req.id,
      stored: stored(s),
      final: finalLength(s),
      start: s.start,
      size: this.kind === 'contiguous' ? s.size : s.blocks.length * this.config.blockSize,
      blocks: [...s.blocks],
    }));
  }
}

/** One running request's memory, as the tables list it. */
export interface Holder {
  id: number;
  stored: number;
  final: number;
  /** Contiguous: first slot of its chunk (-1 for paged). */
  start: number;
  /** Slots allocated to it. */
  size: number;
  /** Paged: its block table. */
  blocks: number[];
}

function insertById(list: Seq[], s: Seq) {
  let i = list.length;
  while (i > 0 && list[i - 1].req.id > s.req.id) i -= 1;
  list.splice(i, 0, s);
}

// ---------------------------------------------------------------------------------------------
// The simulation: both lanes, step by step, with a history of metrics

export class Simulation {
  readonly config: PagedConfig;
  readonly requests: Request[];
  readonly contiguous: Lane;
  readonly paged: Lane;
  /** Metrics after each step, index 0 = step 1. */
  readonly history: { contiguous: Metrics[]; paged: Metrics[] } = { contiguous: [], paged: [] };
  step = 0;
  #next = 0;

  constructor(config: PagedConfig, requests: Request[] = generateRequests(config)) {
    this.config = config;
    this.requests = [...requests].sort((a, b) => a.arrival - b.arrival || a.id - b.id);
    this.contiguous = new Lane('contiguous', config);
    this.paged = new Lane('paged', config);
  }

  get done(): boolean {
    return this.step >= this.config.steps;
  }

  /** Advance one decoding iteration (no-op at the end). */
  advance(): void {
    if (this.done) return;
    this.step += 1;
    const arrivals: Request[] = [];
    while (this.#next < this.requests.length && this.requests[this.#next].arrival <= this.step)
      arrivals.push(this.requests[this.#next++]);
    this.contiguous.step(this.step, arrivals);
    this.paged.step(this.step, arrivals);
    this.history.contiguous.push(this.contiguous.metrics(this.step));
    this.history.paged.push(this.paged.metrics(this.step));
  }

  /** Advance until `step` (clamped to the run's length). */
  runTo(step: number): void {
    while (this.step < Math.min(step, this.config.steps)) this.advance();
  }

  /** Metrics of the current step (all zero at step 0). */
  current(kind: LaneKind): Metrics {
    const h = this.history[kind];
    return h.length > 0 ? h[h.length - 1] : emptyMetrics(this.config.capacity);
  }

  summary(kind: LaneKind): Summary {
    return summarize(this.history[kind], this.config.capacity);
  }
}

function emptyMetrics(capacity: number): Metrics {
  return {
    step: 0,
    stored: 0,
    future: 0,
    never: 0,
    stranded: 0,
    free: capacity,
    running: 0,
    waiting: 0,
    admitted: 0,
    finished: 0,
    preemptions: 0,
    generated: 0,
    waitSteps: 0,
  };
}

/** The run so far, for one allocator. */
export interface Summary {
  steps: number;
  /** Mean over steps of stored / capacity. */
  meanUtilisation: number;
  /** Token states as a share of all allocated slots, summed over steps (NaN-free: 0 if none). */
  storedShareOfAllocated: number;
  meanRunning: number;
  peakRunning: number;
  admitted: number;
  finished: number;
  preemptions: number;
  generated: number;
  /** Mean steps between arrival and first admission, over admitted requests (0 if none). */
  meanWait: number;
  waitingAtEnd: number;
}

export function summarize(history: Metrics[], capacity: number): Summary {
  const last = history.at(-1) ?? emptyMetrics(capacity);
  let util = 0;
  let storedSum = 0;
  let allocatedSum = 0;
  let runningSum = 0;
  let peak = 0;
  for (const m of history) {
    util += m.stored / capacity;
    storedSum += m.stored;
    allocatedSum += m.stored + m.future + m.never;
    runningSum += m.running;
    peak = Math.max(peak, m.running);
  }
  const n = history.length;
  return {
    steps: n,
    meanUtilisation: n > 0 ? util / n : 0,
    storedShareOfAllocated: allocatedSum > 0 ? storedSum / allocatedSum : 0,
    meanRunning: n > 0 ? runningSum / n : 0,
    peakRunning: peak,
    admitted: last.admitted,
    finished: last.finished,
    preemptions: last.preemptions,
    generated: last.generated,
    meanWait: last.admitted > 0 ? last.waitSteps / last.admitted : 0,
    waitingAtEnd: last.waiting,
  };
}

// ---------------------------------------------------------------------------------------------
// The picture: each memory as a grid of token slots, described as plain SVG nodes so that the
// build (Astro markup) and the island (DOM) draw exactly the same thing.

export interface SvgNode {
  tag: 'rect' | 'text' | 'path';
  attrs: Record<string, string | number>;
  text?: string;
}

/** Slots per row: a multiple of the block size, at least 64, and at most 32 rows. */
export function columnsFor(capacity: number, blockSize: number): number {
  const want = Math.max(64, Math.ceil(capacity / 32));
  return Math.ceil(want / blockSize) * blockSize;
}

const KIND_CLASS = ['pb-free', 'pb-token', 'pb-future', 'pb-never', 'pb-stranded'];
export const CELL = 10;
/** Number of request colours; request id n is drawn with colour (n - 1) mod HUES. */
export const HUES = 8;

/**
 * SVG nodes for one memory: runs of equal (owner, kind) slots as rects, a faint cell lattice,
 * block borders (paged), and each owner's request id written on its runs where there is room.
 */
export function drawMemory(
  slots: { kind: Uint8Array; owner: Int32Array },
  capacity: number,
  blockSize: number,
  paged: boolean,
): { width: number; height: number; nodes: SvgNode[] } {
  const cols = columnsFor(capacity, blockSize);
  const rows = Math.ceil(capacity / cols);
  const nodes: SvgNode[] = [];
  const hue = (owner: number) => `pb-h${(owner - 1) % HUES}`;
  const labels: SvgNode[] = [];
  for (let r = 0; r < rows; r++) {
    const rowStart = r * cols;
    const rowEnd = Math.min(capacity, rowStart + cols);
    let i = rowStart;
    while (i < rowEnd) {
      let j = i + 1;
      while (j < rowEnd && slots.owner[j] === slots.owner[i] && slots.kind[j] === slots.kind[i]) j++;
      const kind = slots.kind[i];
      const owner = slots.owner[i];
      const cls = owner ? `${KIND_CLASS[kind]} ${hue(owner)}` : KIND_CLASS[kind];
      const inset = kind === SLOT.never ? 1 : 0; // an outline drawn inside the cells
      nodes.push({
        tag: 'rect',
        attrs: {
          x: (i - rowStart) * CELL + inset,
          y: r * CELL + inset,
          width: (j - i) * CELL - 2 * inset,
          height: CELL - 2 * inset,
          class: cls,
        },
      });
      i = j;
    }
    // Labels: one per run of one owner in this row (split at block borders when paged).
    i = rowStart;
    while (i < rowEnd) {
      let j = i + 1;
      const owner = slots.owner[i];
      while (j < rowEnd && slots.owner[j] === owner && !(paged && j % blockSize === 0)) j++;
      const text = String(owner);
      // Labels are 8 units tall; a digit is about 5 units wide.
      if (owner && (j - i) * CELL >= text.length * 5 + 4)
        labels.push({
          tag: 'text',
          attrs: { x: (i - rowStart) * CELL + 2, y: r * CELL + CELL * 0.82, class: 'pb-label' },
          text,
        });
      i = j;
    }
  }
  const width = cols * CELL;
  const height = rows * CELL;
  let lattice = '';
  for (let c = 1; c < cols; c++) lattice += `M${c * CELL} 0V${height}`;
  for (let r = 1; r < rows; r++) lattice += `M0 ${r * CELL}H${width}`;
  nodes.push({ tag: 'path', attrs: { d: lattice, class: 'pb-lattice' } });
  if (paged) {
    let borders = '';
    for (let c = 0; c <= cols; c += blockSize) borders += `M${c * CELL} 0V${height}`;
    for (let r = 0; r <= rows; r++) borders += `M0 ${r * CELL}H${width}`;
    nodes.push({ tag: 'path', attrs: { d: borders, class: 'pb-blocks' } });
  } else {
    nodes.push({ tag: 'path', attrs: { d: `M0 0H${width}V${height}H0Z`, class: 'pb-blocks' } });
  }
  nodes.push(...labels);
  return { width, height, nodes };
}

/** One sentence about a slot, for the pointer readout. */
export function describeSlot(
  lane: LaneKind,
  slot: number,
  slots: { kind: Uint8Array; owner: Int32Array },
  blockSize: number,
): string {
  const where =
    lane === 'paged'
      ? `Slot ${slot} (block ${Math.floor(slot / blockSize)}, position ${slot % blockSize})`
      : `Slot ${slot}`;
  const owner = slots.owner[slot];
  switch (slots.kind[slot]) {
    case SLOT.token:
      return `${where}: request ${owner}, a stored token.`;
    case SLOT.future:
      return `${where}: request ${owner}, reserved for a token it has not generated yet.`;
    case SLOT.never:
      return `${where}: request ${owner}, reserved but never used (internal fragmentation).`;
    case SLOT.stranded:
      return `${where}: free, but in a hole too small for the next waiting request (external fragmentation).`;
    default:
      return `${where}: free.`;
  }
}

/** A percentage with one decimal, e.g. "37.5 %". */
export function percent(x: number): string {
  return `${(Math.round(x * 1000) / 10).toFixed(1)} %`;
}
