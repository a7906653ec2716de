// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { execSync } from 'node:child_process';
import { CODE_THEMES } from './src/lib/code-themes.ts';
import { SITE_CONFIG } from './src/lib/site-config.ts';
import remarkObjectNotes from './src/integrations/remark-object-notes.ts';

/** Where the site is served from, e.g. BASE_PATH=/atlas/ for https://host/atlas/. */
const base = process.env.BASE_PATH || '/';
/** The absolute origin for the sitemap and canonical links. */
const site = process.env.SITE_URL || 'http://localhost:4321';
/**
 * Which build a reader saw, named in "Report a problem" issues: BUILD_ID if set, else the commit.
 * Not a timestamp: pages that did not change keep their bytes, so the offline copy reuses them.
 */
const buildId = process.env.BUILD_ID || gitCommit() || 'unknown';
/** Where problem reports go (src/lib/site-config.ts); ISSUE_TRACKER points a fork at its own. */
const issueTracker = process.env.ISSUE_TRACKER || SITE_CONFIG.issueTracker;

function gitCommit() {
  try {
    return execSync('git rev-parse --short=12 HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return '';
  }
}

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  build: { format: 'directory' },
  markdown: {
    // Astro 7's default engine skips remark/rehype plugins; the unified processor runs them.
    processor: unified({
      remarkPlugins: [remarkMath, [remarkObjectNotes, { base, site, buildId, tracker: issueTracker }]],
      rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml', strict: 'error' }]],
    }),
    shikiConfig: { themes: CODE_THEMES },
  },
  integrations: [mdx({ optimize: true }), sitemap()],
  vite: {
    // Never inline scripts into HTML: the site must run under a CSP without 'unsafe-inline'.
    build: { assetsInlineLimit: 0 },
    define: {
      'import.meta.env.CF_BUILD_ID': JSON.stringify(buildId),
      'import.meta.env.CF_ISSUE_TRACKER': JSON.stringify(issueTracker),
    },
  },
});
