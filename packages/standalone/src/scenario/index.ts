/** Scenario files (*.scen.json): read, run on a sandbox, check, report, update. */
export { readScenarioFile, readScenario } from './parse.js';
export { runScenario, sandboxForScenario, type ScenarioReport, type StepReport } from './runner.js';
export { scenarioRunCommand, runScenarioPath, scenarioFiles, SCENARIO_SUFFIX, type ScenarioRunOptions } from './command.js';
export { formatScenarioReport, formatSummary, reportsJson, scenarioReportJson } from './report.js';
export { applyExpectationUpdates } from './update.js';
export { ScenarioError } from './errors.js';
export type { CheckResult } from './check.js';
export type { Scenario, Step, StepKind } from './model.js';
export { parseJsonText, formatJsonText, JsonSyntaxError } from './json-text.js';
