/** Isomorphic: the section skeleton of a notebook body. */

/** The four sections every complete notebook has, in this order. */
export const NOTEBOOK_SECTIONS = ['Intuition', 'Math', 'Code', 'Demo'] as const;

/** A level-2 heading of a body, with the text under it up to the next level-2 heading. */
export interface Section {
  title: string;
  line: number;
  content: string;
}

/** Splits a Markdown/MDX body at its `## ` headings, ignoring lines inside fenced code. */
export function splitSections(body: string): Section[] {
  const sections: Section[] = [];
  let fence: string | null = null;
  body.split('\n').forEach((text, index) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(text)?.[1];
    if (marker) {
      if (fence === null) fence = marker[0];
      else if (marker[0] === fence) fence = null;
    }
    const heading = fence === null ? /^##\s+(.+?)\s*#*\s*$/.exec(text) : null;
    if (heading) sections.push({ title: heading[1], line: index + 1, content: '' });
    else if (sections.length > 0) sections[sections.length - 1].content += text + '\n';
  });
  return sections;
}
