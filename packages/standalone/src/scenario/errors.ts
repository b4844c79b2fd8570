/** A scenario file that cannot be run as written: names the file, the step and the JSON path. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(
    readonly file: string,
    /** JSON path of the offending field, e.g. `$.steps[3].expect.gasBurnt`. */
    readonly path: string,
    readonly reason: string,
    /** Index of the step, when the problem is inside one. */
    readonly step?: number,
  ) {
    super(`${file}: ${step === undefined ? '' : `step ${step}, `}${path}: ${reason}`);
  }
}
