/** @nearts/params-estimator: Benchmarks that measure what each operation costs in nearts and derive gas parameters, compared with the protocol's. */
export const PACKAGE_NAME = '@nearts/params-estimator';
