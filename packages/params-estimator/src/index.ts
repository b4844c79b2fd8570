/** @nearts/params-estimator: measures what each operation costs in nearts and compares it with the protocol's gas parameters. */
export const PACKAGE_NAME = '@nearts/params-estimator';
export { EstimatorInputError } from './errors.js';
export { runEstimator, selectCosts, UnknownCostError, type CostResult, type EstimationRun, type EstimatorOptions, type Progress } from './estimator.js';
export { ALL_COSTS, NOT_ESTIMATED, GROUP_TITLES, costByName, type CostDefinition, type CostGroup } from './estimate/registry.js';
export { GAS_IN_NS, GAS_IN_INSTR, toGas, groupDigits, formatGasShort, formatRaw, type MetricName } from './gas.js';
export { CpuTimeMetric, TimeMetric, type Metric } from './metric/metric.js';
export * from './stats/gas-cost.js';
export * from './stats/samples.js';
export * from './stats/least-squares.js';
export { formatTable, formatRatio } from './output/table.js';
export { runToJson } from './output/json.js';
export { parameterDiff } from './output/yaml-diff.js';
export { reportHtml } from './output/report-html.js';
export { CallgrindMetric, MetricUnavailableError } from './metric/callgrind.js';
export { probeCounters, describeAvailability, type CounterAvailability } from './metric/instructions.js';
export type { FitReport } from './estimate/context.js';
export type { ParameterRef } from './costs/parameters.js';
export { main as estimatorMain, USAGE as ESTIMATOR_USAGE, type CliIo } from './cli.js';
