/** @nearts/store: State storage keyed by nearcore's TrieKey layout: an in-memory backend and a persistent lmdb backend behind one interface, with a Merkle state root. */
export const PACKAGE_NAME = '@nearts/store';
