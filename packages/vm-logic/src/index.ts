/** @nearts/vm-logic: The bindings specification: every host function a contract may import, with nearcore's fee, storage and promise rules. Knows no wasm engine and no state implementation. */
export const PACKAGE_NAME = '@nearts/vm-logic';
