/** @nearts/vm-errors: nearcore's error hierarchy as typed classes with stable codes, exact Display texts and RPC JSON shapes. */
export const PACKAGE_NAME = '@nearts/vm-errors';
