// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { CODE_THEMES } from './src/lib/code-themes.ts';

/** Where the site is served from, e.g. BASE_PATH=/atlas/ for https://host/atlas/. */
const base = process.env.BASE_PATH || '/';
/** The absolute origin for the sitemap and canonical links. */
const site = process.env.SITE_URL || 'http://localhost:4321';

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  build: { format: 'directory' },
  markdown: {
    // Astro 7's default engine skips remark/rehype plugins; the unified processor runs them.
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml', strict: 'error' }]],
    }),
    shikiConfig: { themes: CODE_THEMES },
  },
  integrations: [mdx({ optimize: true }), sitemap()],
  vite: {
    // Never inline scripts into HTML: the site must run under a CSP without 'unsafe-inline'.
    build: { assetsInlineLimit: 0 },
  },
});
