// Finds a Chromium for the browser tests, in this order: PLAYWRIGHT_CHROMIUM_EXECUTABLE,
// Playwright's own downloaded browser, then the system's chromium / chromium-browser / google-chrome.
// `node scripts/chromium.mjs --ensure` installs Debian's chromium with apt-get when none is found
// and it runs as root on Debian or Ubuntu; otherwise it stops with the one command to run.
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The path of a usable Chromium, or undefined. */
export function findChromium() {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright has no browser of its own here.
  }
  return SYSTEM_PATHS.find((path) => existsSync(path));
}

function isDebianLike() {
  try {
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE) {
    throw new Error(
      `PLAYWRIGHT_CHROMIUM_EXECUTABLE=${process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE} does not exist.`,
    );
  }
  if (process.getuid?.() === 0 && isDebianLike()) {
    console.log('No Chromium found: installing Debian\'s "chromium" package with apt-get (about a minute)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    if (install.status === 0 && findChromium()) return findChromium();
  }
  throw new Error(
    'The browser tests need Chromium and none was found.\n' +
      'Install one, e.g.:  sudo apt-get install chromium   (Debian/Ubuntu)\n' +
      'or point the tests at one:  PLAYWRIGHT_CHROMIUM_EXECUTABLE=/path/to/chrome npm test',
  );
}

if (process.argv.includes('--ensure')) {
  try {
    console.log(`Chromium for the browser tests: ${ensureChromium()}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
