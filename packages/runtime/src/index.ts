/** @nearts/runtime: Applies transactions and receipts to state exactly as nearcore's runtime does; a chain driver on top. */
export const PACKAGE_NAME = '@nearts/runtime';
