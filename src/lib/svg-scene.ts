/**
 * Isomorphic: a drawing as plain data — a flat list of SVG elements with their attributes and text.
 * A build-time .astro component renders the list as markup and an island rebuilds it with
 * createElementNS, so both draw from the same geometry and neither parses markup strings.
 */

export type SceneTag = 'line' | 'path' | 'polygon' | 'circle' | 'rect' | 'text';

export interface SceneNode {
  tag: SceneTag;
  attrs: Record<string, string | number>;
  /** Text content (only for "text"). */
  text?: string;
}

/** Round a pixel coordinate to 0.1 px: enough for any screen, and keeps markup short. */
export const px = (n: number): number => Math.round(n * 10) / 10;
