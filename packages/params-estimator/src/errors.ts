/** The package's error for bad input: settings, arguments of the statistics and builders. */
export class EstimatorInputError extends Error {
  override readonly name = 'EstimatorInputError';
}
