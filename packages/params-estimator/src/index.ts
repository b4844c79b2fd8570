/** @nearts/params-estimator: measures what each operation costs in nearts and compares it with the protocol's gas parameters. */
export const PACKAGE_NAME = '@nearts/params-estimator';
export { runEstimator, selectCosts, UnknownCostError, type CostResult, type EstimationRun, type EstimatorOptions, type Progress } from './estimator.js';
export { ALL_COSTS, NOT_ESTIMATED, GROUP_TITLES, costByName, type CostDefinition, type CostGroup } from './estimate/registry.js';
export { GAS_IN_NS, GAS_IN_INSTR, toGas, groupDigits, formatGasShort, formatRaw, type MetricName } from './gas.js';
export { TimeMetric, type Metric } from './metric/metric.js';
export * from './stats/gas-cost.js';
export * from './stats/samples.js';
export * from './stats/least-squares.js';
