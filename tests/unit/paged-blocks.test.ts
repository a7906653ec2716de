import { describe, expect, it } from 'vitest';
import {
  clampConfig,
  columnsFor,
  configToParams,
  DEFAULT_CONFIG,
  drawMemory,
  generateRequests,
  type Metrics,
  mulberry32,
  nextPow2,
  type PagedConfig,
  poisson,
  rawFromParams,
  type Request,
  reservation,
  Simulation,
  SLOT,
} from '../../src/lib/paged-blocks';
import { holderRows, laneView, statusText } from '../../src/lib/paged-blocks-view';

const config = (over: Partial<PagedConfig>): PagedConfig => ({ ...DEFAULT_CONFIG, ...over });
const req = (id: number, arrival: number, prompt: number, output: number): Request => ({
  id,
  arrival,
  prompt,
  output,
});
/** The slot counts and queue of a step, without the cumulative counters. */
const slots = (m: Metrics) => ({
  stored: m.stored,
  future: m.future,
  never: m.never,
  stranded: m.stranded,
  free: m.free,
  running: m.running,
  waiting: m.waiting,
});

describe('reservation: how the contiguous allocator sizes a chunk', () => {
  it.each([
    // max: always the maximum sequence length.
    ['max', 10, 25, 256, 256],
    // pow2: the paper's own example, an output of 25 reserves 32 output positions: 10 + 32 = 42.
    ['pow2', 10, 25, 256, 42],
    // pow2 of an exact power stays: 10 + 32.
    ['pow2', 10, 32, 256, 42],
    // pow2 capped at the maximum length: 100 + 256 = 356 > 256.
    ['pow2', 100, 150, 256, 256],
    // oracle: exactly prompt + output.
    ['oracle', 10, 25, 256, 35],
  ] as const)('%s, prompt %i, output %i, max %i -> %i slots', (policy, prompt, output, maxLen, expected) => {
    expect(reservation(policy, { prompt, output }, maxLen)).toBe(expected);
  });

  it.each([
    [1, 1],
    [2, 2],
    [3, 4],
    [25, 32],
    [129, 256],
  ])('nextPow2(%i) = %i', (x, expected) => expect(nextPow2(x)).toBe(expected));
});

describe('three requests, hand-traced (capacity 64, max length 32, blocks of 8, policy max)', () => {
  // R1: prompt 5, output 3 (final 8); R2: prompt 10, output 6 (final 16), both at step 1;
  // R3: prompt 20, output 12 (final 32 = max length) at step 2.
  const cfg = config({ capacity: 64, maxLen: 32, blockSize: 8, policy: 'max', steps: 16 });
  const requests = [req(1, 1, 5, 3), req(2, 1, 10, 6), req(3, 2, 20, 12)];

  it('step 1: contiguous reserves 32 + 32; paged takes 1 + 2 blocks', () => {
    const sim = new Simulation(cfg, requests);
    sim.runTo(1);
    // Contiguous: stored 5 + 10 = 15; future (8-5) + (16-10) = 9; never (32-8) + (32-16) = 40.
    expect(slots(sim.current('contiguous'))).toEqual({
      stored: 15,
      future: 9,
      never: 40,
      stranded: 0,
      free: 0,
      running: 2,
      waiting: 0,
    });
    // Paged: R1 ceil(5/8) = 1 block, R2 ceil(10/8) = 2 blocks: 24 slots; the slack 3 + 6 = 9 will
    // all be filled (final lengths 8 and 16 are whole blocks), so never = 0; free 64 - 24 = 40.
    expect(slots(sim.current('paged'))).toEqual({
      stored: 15,
      future: 9,
      never: 0,
      stranded: 0,
      free: 40,
      running: 2,
      waiting: 0,
    });
    expect(sim.paged.holders().map((h) => h.blocks)).toEqual([[0], [1, 2]]);
    expect(sim.contiguous.holders().map((h) => [h.start, h.size])).toEqual([
      [0, 32],
      [32, 32],
    ]);
  });

  it('step 2: R3 waits in contiguous memory (full) but gets 3 blocks in paged memory', () => {
    const sim = new Simulation(cfg, requests);
    sim.runTo(2);
    // R1 and R2 append one token each: 6 + 11 = 17 stored; future 2 + 5; never unchanged at 40.
    expect(slots(sim.current('contiguous'))).toEqual({
      stored: 17,
      future: 7,
      never: 40,
      stranded: 0,
      free: 0,
      running: 2,
      waiting: 1,
    });
    // R3 takes ceil(20/8) = 3 blocks (3, 4, 5): stored 6 + 11 + 20 = 37; allocated 8 + 16 + 24 = 48;
    // future 2 + 5 + 4 = 11; free 64 - 48 = 16 (blocks 6 and 7).
    expect(slots(sim.current('paged'))).toEqual({
      stored: 37,
      future: 11,
      never: 0,
      stranded: 0,
      free: 16,
      running: 3,
      waiting: 0,
    });
    expect(sim.paged.holders().map((h) => h.blocks)).toEqual([[0], [1, 2], [3, 4, 5]]);
  });

  it('step 4: R1 finishes, contiguous admits R3 into its freed chunk, paged recycles block 0 last', () => {
    const sim = new Simulation(cfg, requests);
    sim.runTo(4);
    // R1 generated its 3rd token at step 4 and left. Contiguous: R2 13 stored, R3 20 (prefill):
    // stored 33; future (16-13) + (32-20) = 15; never (32-16) + (32-32) = 16.
    expect(slots(sim.current('contiguous'))).toEqual({
      stored: 33,
      future: 15,
      never: 16,
      stranded: 0,
      free: 0,
      running: 2,
      waiting: 0,
    });
    expect(sim.contiguous.holders().map((h) => [h.id, h.start])).toEqual([
      [2, 32],
      [3, 0],
    ]);
    // Paged: R2 13 stored in 16, R3 22 stored in 24: stored 35, future 3 + 2 = 5, free 64 - 40 = 24.
    expect(slots(sim.current('paged'))).toEqual({
      stored: 35,
      future: 5,
      never: 0,
      stranded: 0,
      free: 24,
      running: 2,
      waiting: 0,
    });
    // The free list is first in, first out: blocks 6, 7, then the freed 0.
    expect(sim.paged.freeBlocks).toEqual([6, 7, 0]);
  });

  it('step 7: paged R3 crosses a block border (24 stored) and takes block 6', () => {
    const sim = new Simulation(cfg, requests);
    sim.runTo(7);
    // R3 was admitted at step 2 with 20 tokens; steps 3-6 bring it to 24, step 7 needs a 4th block.
    expect(sim.paged.holders().find((h) => h.id === 3)?.blocks).toEqual([3, 4, 5, 6]);
  });

  it('the run: both serve all three requests; contiguous makes R3 wait 2 steps', () => {
    const sim = new Simulation(cfg, requests);
    sim.runTo(99); // clamped to 16 steps
    expect(sim.step).toBe(16);
    const c = sim.summary('contiguous');
    const p = sim.summary('paged');
    // Output tokens: 3 + 6 + 12 = 21 in both; contiguous R3 ends at step 4 + 12 = 16, paged at 2 + 12 = 14.
    expect([c.finished, c.generated, p.finished, p.generated]).toEqual([3, 21, 3, 21]);
    // Waits: contiguous (0 + 0 + 2) / 3; paged 0.
    expect(c.meanWait).toBeCloseTo(2 / 3, 12);
    expect(p.meanWait).toBe(0);
    expect(c.preemptions + p.preemptions).toBe(0);
    expect(sim.history.paged[13].finished).toBe(3);
    expect(sim.history.contiguous[14].finished).toBe(2);
  });
});

describe('external fragmentation and preemption, hand-traced (capacity 8, blocks of 4, oracle)', () => {
  // R1: prompt 3, output 3 (final 6); R2: prompt 4, output 1 (final 5); both at step 1.
  const cfg = config({ capacity: 8, maxLen: 8, blockSize: 4, policy: 'oracle', steps: 6 });
  const requests = [req(1, 1, 3, 3), req(2, 1, 4, 1)];

  it('contiguous: R1 takes slots 0-5; the 2-slot hole left cannot hold R2 (5 slots): stranded', () => {
    const sim = new Simulation(cfg, requests);
    sim.runTo(1);
    expect(slots(sim.current('contiguous'))).toEqual({
      stored: 3,
      future: 3,
      never: 0,
      stranded: 2,
      free: 0,
      running: 1,
      waiting: 1,
    });
    const { kind } = sim.contiguous.slots();
    expect([...kind]).toEqual([1, 1, 1, 2, 2, 2, 4, 4]); // token ×3, future ×3, stranded ×2
  });

  it.each([
    // R1 final 4 leaves a hole of 4 = R2's 5 - 1: still too small, all 4 slots stranded.
    [3, 1, 4],
    // R1 final 3 leaves a hole of 5 = R2's need: R2 is admitted, nothing waits, nothing stranded.
    [2, 1, 0],
  ])(
    'a hole one slot short strands; a hole that fits does not (R1 prompt %i, output %i)',
    (p, o, stranded) => {
      const sim = new Simulation(cfg, [req(1, 1, p, o), req(2, 1, 4, 1)]);
      sim.runTo(1);
      expect(sim.current('contiguous').stranded).toBe(stranded);
      expect(sim.current('contiguous').waiting).toBe(stranded > 0 ? 1 : 0);
    },
  );

  it('paged: both fit at step 1, and at step 2 the youngest (R2) is preempted for lack of a block', () => {
    const sim = new Simulation(cfg, requests);
    sim.runTo(1);
    // R1 1 block (3 of 4 used), R2 1 block (4 of 4): memory full, nothing stranded.
    expect(slots(sim.current('paged'))).toEqual({
      stored: 7,
      future: 1,
      never: 0,
      stranded: 0,
      free: 0,
      running: 2,
      waiting: 0,
    });
    sim.runTo(2);
    // R1 appends into its own block (4 stored, block full, so nothing reserved). R2's block is full
    // and no block is free: R2, the youngest, goes back to wait and frees block 1; nothing is
    // admitted in that iteration.
    expect(slots(sim.current('paged'))).toEqual({
      stored: 4,
      future: 0,
      never: 0,
      stranded: 0,
      free: 4,
      running: 1,
      waiting: 1,
    });
    expect(sim.current('paged').preemptions).toBe(1);
  });

  it('the run: contiguous admits R2 at step 4 (wait 3); paged readmits it at step 4 too, 1 preemption', () => {
    const sim = new Simulation(cfg, requests);
    sim.runTo(6);
    const c = sim.summary('contiguous');
    const p = sim.summary('paged');
    expect([c.finished, c.generated, c.preemptions, c.meanWait]).toEqual([2, 4, 0, 1.5]);
    // Paged: R2 first ran at step 1, so its wait is 0 although it was preempted.
    expect([p.finished, p.generated, p.preemptions, p.meanWait]).toEqual([2, 4, 1, 0]);
    // Both finish R2 at step 5.
    expect(sim.history.contiguous[4].finished).toBe(2);
    expect(sim.history.paged[4].finished).toBe(2);
  });
});

describe('invariants over seeded runs', () => {
  const cases: Partial<PagedConfig>[] = [
    {},
    { policy: 'pow2', rate: 0.3 },
    { policy: 'oracle', rate: 0.5, blockSize: 1 },
    { blockSize: 64, rate: 0.2, seed: 3 },
    { blockSize: 5, capacity: 1000, maxLen: 300, promptMax: 200, outputMax: 250, rate: 1, seed: 11 },
  ];
  it.each(cases)('slot counts sum to the capacity; per-request waste bounds hold (%j)', (over) => {
    const cfg = clampConfig(rawFromParams(new URLSearchParams(configToParams(config(over))))).config;
    const sim = new Simulation(cfg);
    while (!sim.done) {
      sim.advance();
      for (const kind of ['contiguous', 'paged'] as const) {
        const m = sim.current(kind);
        expect(m.stored + m.future + m.never + m.stranded + m.free).toBe(cfg.capacity);
      }
      expect(sim.current('paged').stranded).toBe(0);
      // Paged: each request wastes at most blockSize - 1 slots (only its last block is partly empty).
      for (const h of sim.paged.holders()) {
        expect(h.size - h.stored).toBeGreaterThanOrEqual(0);
        expect(h.size - h.stored).toBeLessThanOrEqual(cfg.blockSize - 1);
        expect(h.blocks.length).toBe(Math.ceil(h.stored / cfg.blockSize));
      }
      // Contiguous with max: each request holds maxLen - stored slots it is not using.
      for (const h of sim.contiguous.holders()) {
        expect(h.size).toBe(cfg.policy === 'max' ? cfg.maxLen : h.size);
        expect(h.size).toBeGreaterThanOrEqual(h.final);
      }
    }
    expect(sim.summary('paged').generated).toBeGreaterThanOrEqual(0);
  });
});

describe('the request stream', () => {
  it('is the same for the same seed, and ignores block size, capacity and policy', () => {
    const a = generateRequests(DEFAULT_CONFIG);
    const b = generateRequests(config({ blockSize: 32, capacity: 2048, policy: 'oracle' }));
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    expect(generateRequests(config({ seed: 8 }))).not.toEqual(a);
  });

  it('keeps lengths in range and prompt + output within the maximum length', () => {
    const cfg = config({ rate: 2, promptMin: 100, promptMax: 250, outputMin: 50, outputMax: 200 });
    for (const r of generateRequests(cfg)) {
      expect(r.prompt).toBeGreaterThanOrEqual(100);
      expect(r.prompt).toBeLessThanOrEqual(250);
      expect(r.output).toBeGreaterThanOrEqual(1);
      expect(r.prompt + r.output).toBeLessThanOrEqual(cfg.maxLen);
    }
  });

  it('arrives at the Poisson rate on average (20,000 draws, mean within 3 %)', () => {
    const rand = mulberry32(1);
    for (const mean of [0.08, 1, 3]) {
      let sum = 0;
      for (let i = 0; i < 20_000; i++) sum += poisson(rand, mean);
      expect(Math.abs(sum / 20_000 - mean) / mean).toBeLessThan(0.03 + 0.5 / Math.sqrt(20_000 * mean));
    }
    expect(poisson(rand, 0)).toBe(0);
  });

  it('mulberry32 gives floats in [0, 1) and repeats for a seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});

describe('clampConfig: bad and extreme inputs become a valid configuration with a message', () => {
  it('keeps the defaults without messages', () => {
    expect(clampConfig({})).toEqual({ config: DEFAULT_CONFIG, messages: {} });
    expect(clampConfig(rawFromParams(new URLSearchParams(configToParams(DEFAULT_CONFIG))))).toEqual({
      config: DEFAULT_CONFIG,
      messages: {},
    });
  });

  it.each([
    ['blockSize', '', 16, /Empty, so the default 16 is used/],
    ['blockSize', 'abc', 16, /is not a number/],
    ['blockSize', 'Infinity', 16, /is not a number/],
    ['blockSize', '0', 1, /Raised to 1/],
    ['blockSize', '1e9', 256, /Lowered to 256/],
    ['blockSize', '7.6', 8, /Rounded to 8/],
    ['rate', '-1', 0, /Raised to 0/],
    ['rate', '99', 4, /Lowered to 4/],
    ['steps', '5', 10, /Raised to 10/],
    ['capacity', '5000', 4096, /Lowered to 4,096/],
  ] as const)('%s = %j -> %s', (field, value, expected, message) => {
    const { config: c, messages } = clampConfig({ [field]: value });
    expect(c[field]).toBe(expected);
    expect(messages[field]).toMatch(message);
  });

  it('rounds the capacity down to whole blocks: 1,000 slots of 48-token blocks -> 960', () => {
    const { config: c, messages } = clampConfig({ capacity: '1000', blockSize: '48' });
    expect(c.capacity).toBe(960); // 20 blocks × 48
    expect(messages.capacity).toMatch(/960, a whole number of 48-token blocks/);
  });

  it('keeps one full-length request within memory and prompts below the maximum length', () => {
    const { config: c, messages } = clampConfig({
      capacity: '128',
      maxLen: '512',
      promptMin: '600',
      promptMax: '3',
    });
    expect(c.maxLen).toBe(128);
    expect(messages.maxLen).toMatch(/one full-length request must fit/);
    expect(c.promptMin).toBe(127);
    expect(c.promptMax).toBe(127);
    expect(messages.promptMax).toMatch(/shortest prompt \(127\)/);
  });

  it('replaces an unknown policy', () => {
    const { config: c, messages } = clampConfig({ policy: '<script>' });
    expect(c.policy).toBe('max');
    expect(messages.policy).toMatch(/Unknown policy “<script>”/);
  });

  it('round-trips through URL parameters', () => {
    const cfg = clampConfig({ seed: 3, rate: 0.25, blockSize: 32, policy: 'pow2', capacity: 2048 }).config;
    const params = new URLSearchParams(configToParams(cfg));
    expect(params.toString()).toBe(
      'seed=3&rate=0.25&pmin=8&pmax=64&omin=8&omax=160&max=256&block=32&cap=2048&policy=pow2&steps=200',
    );
    expect(clampConfig(rawFromParams(params)).config).toEqual(cfg);
  });

  it('always yields a runnable configuration, whatever the input', () => {
    const junk = ['', '-0', 'NaN', '1e400', '0x10', ' 12 ', '-7', '3.5', '9999999', 'null'];
    const fields = Object.keys(DEFAULT_CONFIG) as (keyof PagedConfig)[];
    const rand = mulberry32(5);
    for (let i = 0; i < 300; i++) {
      const raw = Object.fromEntries(fields.map((f) => [f, junk[Math.floor(rand() * junk.length)]]));
      const { config: c } = clampConfig(raw);
      expect(c.capacity % c.blockSize).toBe(0);
      expect(c.maxLen).toBeLessThanOrEqual(c.capacity);
      expect(c.promptMin).toBeLessThanOrEqual(c.promptMax);
      expect(c.promptMax).toBeLessThan(c.maxLen);
      expect(c.outputMin).toBeLessThanOrEqual(c.outputMax);
      for (const f of fields) if (f !== 'policy') expect(Number.isFinite(c[f])).toBe(true);
      const sim = new Simulation({ ...c, steps: Math.min(c.steps, 30) });
      sim.runTo(30);
      expect(statusText(sim)).not.toMatch(/NaN|Infinity|undefined/);
    }
  });
});

describe('the picture and its text equivalent', () => {
  it('columns: a multiple of the block size, at least 64, at most 32 rows', () => {
    expect(columnsFor(1024, 16)).toBe(64); // 16 rows
    expect(columnsFor(4096, 16)).toBe(128); // 4096 / 32 = 128 columns
    expect(columnsFor(1024, 48)).toBe(96); // 64 rounded up to 2 blocks of 48
    expect(columnsFor(256, 256)).toBe(256);
  });

  it('draws runs of equal slots and labels each request once per run', () => {
    // 8 slots in one row of 64 columns: owner 1 (token, token, future), owner 2 (token), free ×4.
    const kind = Uint8Array.from([SLOT.token, SLOT.token, SLOT.future, SLOT.token, 0, 0, 0, 0]);
    const owner = Int32Array.from([1, 1, 1, 2, 0, 0, 0, 0]);
    const { width, height, nodes } = drawMemory({ kind, owner }, 8, 4, true);
    expect([width, height]).toEqual([640, 10]);
    const rects = nodes.filter((n) => n.tag === 'rect').map((n) => [n.attrs.x, n.attrs.width, n.attrs.class]);
    expect(rects).toEqual([
      [0, 20, 'pb-token pb-h0'],
      [20, 10, 'pb-future pb-h0'],
      [30, 10, 'pb-token pb-h1'],
      [40, 40, 'pb-free'],
    ]);
    // "1" spans 3 cells (30 units >= 9); "2" one cell (10 units >= 9).
    expect(nodes.filter((n) => n.tag === 'text').map((n) => [n.text, n.attrs.x])).toEqual([
      ['1', 2],
      ['2', 32],
    ]);
  });

  it('lists who holds which slots, and the view never shows NaN', () => {
    const sim = new Simulation(config({ capacity: 64, maxLen: 32, blockSize: 8, steps: 4 }), [
      req(1, 1, 5, 3),
      req(2, 1, 10, 6),
    ]);
    sim.runTo(1);
    expect(holderRows('paged', sim.paged.holders())).toEqual([
      ['1', '5 of 8', 'block 0 (8 slots)'],
      ['2', '10 of 16', 'blocks 1, 2 (16 slots)'],
    ]);
    expect(holderRows('contiguous', sim.contiguous.holders())).toEqual([
      ['1', '5 of 8', 'slots 0–31 (32)'],
      ['2', '10 of 16', 'slots 32–63 (32)'],
    ]);
    const view = laneView(sim, 'contiguous');
    expect(view.metrics.stored).toBe('15 (23.4 %)'); // 15 / 64
    expect(view.utilisation).toBe('23.4 %');
    expect(JSON.stringify([view, laneView(new Simulation(DEFAULT_CONFIG), 'paged')])).not.toMatch(
      /NaN|Infinity|undefined/,
    );
  });
});

describe("the demo's default run, as the notebook quotes it", () => {
  // content/concepts/paged-attention/witness.py re-implements the simulation in Python from its
  // description and asserts the same figures, so the two implementations check each other.
  it('contiguous max-length reservation finishes 8 requests, paged blocks of 16 finish 13', () => {
    const sim = new Simulation(DEFAULT_CONFIG);
    sim.runTo(DEFAULT_CONFIG.steps);
    const c = sim.summary('contiguous');
    const p = sim.summary('paged');
    expect(sim.requests.length).toBe(22);
    expect([c.finished, c.generated, p.finished, p.generated]).toEqual([8, 708, 13, 1153]);
    expect([percentOf(c.meanUtilisation), percentOf(p.meanUtilisation)]).toEqual(['33.0', '48.4']);
    expect([percentOf(c.storedShareOfAllocated), percentOf(p.storedShareOfAllocated)]).toEqual([
      '37.1',
      '91.9',
    ]);
    // With blocks as large as the maximum length, paging is max-length reservation again.
    const big = new Simulation({ ...DEFAULT_CONFIG, blockSize: 256 });
    big.runTo(200);
    expect(big.summary('paged')).toEqual(c);
  });

  it('at step 40 (where the page starts) both hold the same 4 requests; contiguous has no free slot', () => {
    const sim = new Simulation(DEFAULT_CONFIG);
    sim.runTo(40);
    expect(slots(sim.current('contiguous'))).toMatchObject({ stored: 275, free: 0, running: 4 });
    expect(slots(sim.current('paged'))).toMatchObject({ stored: 275, free: 720, running: 4 });
  });
});

function percentOf(x: number): string {
  return (x * 100).toFixed(1);
}
