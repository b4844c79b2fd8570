/** @nearts/standalone: The `nearts` command and library: run a contract without a blockchain, run scenarios, an in-process sandbox. */
export const PACKAGE_NAME = '@nearts/standalone';
