/** Isomorphic: the atlas graph — validation and queries — in one import. */
export * from './types';
export * from './query';
export * from './sections';
export { validateAtlas, formatIssues } from './validate';
export { atlasObjects, objectsOfConcept, renamesOf } from './objects';
export * from './layout';
export * from './neighbourhood';
