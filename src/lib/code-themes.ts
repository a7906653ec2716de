/**
 * Isomorphic: the Shiki themes for every code listing (Markdown fences and the witness), in one place.
 * Both are GitHub's high-contrast themes: the plain ones draw comments and some tokens below 4.5:1.
 */
export const CODE_THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } as const;
