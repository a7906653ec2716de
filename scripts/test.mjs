// `npm test`: every test, in the order that fails fastest — unit tests and code witnesses
// (Vitest), the type check, the production build and its link check, then the browser tests
// (Playwright) against it.
// Ends with one summary line, "tests: N passed, N failed", counted from both runners' JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const REPORTS = 'reports';
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
const steps = [
  ['Node version', 'node', ['scripts/check-node.mjs']],
  ['Chromium for the browser tests', 'node', ['scripts/chromium.mjs', '--ensure']],
  [
    'Unit tests and code witnesses',
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${REPORTS}/vitest.json`],
  ],
  ['Type check', 'npx', ['astro', 'check', '--minimumSeverity', 'warning']],
  ['Production build', 'npm', ['run', 'build']],
  ['Built-site links', 'node', ['scripts/check-links.mjs', 'dist']],
  // The same site under a sub-path: every link must carry the base.
  [
    'Build under a base path',
    'npx',
    ['astro', 'build', '--outDir', 'dist-base'],
    { BASE_PATH: '/base-check/' },
  ],
  ['Base-path search index', 'npx', ['pagefind', '--site', 'dist-base']],
  ['Base-path offline copy', 'node', ['scripts/offline.mjs', 'dist-base'], { BASE_PATH: '/base-check/' }],
  ['Base-path links', 'node', ['scripts/check-links.mjs', 'dist-base'], { BASE_PATH: '/base-check/' }],
  ['Browser tests', 'npx', ['playwright', 'test']],
];

let failedStep;
for (const [name, command, args, extraEnv] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const run = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  console.log(
    `  ${name}: ${run.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (run.status !== 0) {
    failedStep = name;
    break;
  }
}

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
const vitest = read(`${REPORTS}/vitest.json`);
const playwright = read(`${REPORTS}/playwright.json`);
let passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats.expected ?? 0);
let failed =
  (vitest?.numFailedTests ?? 0) + (playwright?.stats.unexpected ?? 0) + (playwright?.stats.flaky ?? 0);
const skipped =
  (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats.skipped ?? 0);
if (failedStep && failed === 0) failed = 1; // a failed build or type check counts as a failure
console.log(
  `\nunit and witness tests: ${vitest?.numPassedTests ?? 0} passed; browser tests: ${playwright?.stats.expected ?? 0} passed`,
);
if (failedStep) console.log(`stopped at: ${failedStep}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedStep || failed > 0 ? 1 : 0);
