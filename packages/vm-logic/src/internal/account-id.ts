/** Account-id rules vm-logic needs, from @nearts/primitives (near-account-id's semantics). */
export { accountType, isValidAccountId, type AccountType } from '@nearts/primitives';
