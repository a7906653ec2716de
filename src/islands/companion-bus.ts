/**
 * Browser only: what other islands offer the companion: objects (a mapper result) and a demo's
 * state. An island publishes under its own name, replacing what it published before; the companion
 * reads them all and hears of changes. State lives in this module, which the bundler loads once per page, so an
 * island that publishes before the companion has loaded loses nothing.
 */
import type { CompanionObject } from '../lib/companion';

export const PUBLISHED_EVENT = 'cf:companion-objects';

const published = new Map<string, CompanionObject[]>();

export function publishCompanionObjects(source: string, objects: CompanionObject[]): void {
  published.set(source, objects);
  document.dispatchEvent(new CustomEvent(PUBLISHED_EVENT, { detail: source }));
}

export const publishedObjects = (): CompanionObject[] => [...published.values()].flat();

// A demo whose state is not in the page address (the KV calculator inside a notebook) says it here.
let demoState: string | undefined;
/** The event detail when a demo's state changed rather than the objects. */
export const DEMO_SOURCE = 'demo';

export function publishDemoState(text: string): void {
  demoState = text;
  document.dispatchEvent(new CustomEvent(PUBLISHED_EVENT, { detail: DEMO_SOURCE }));
}

export const publishedDemoState = (): string | undefined => demoState;
