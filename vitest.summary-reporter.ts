import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Prints one closing line `N passed, N failed, N skipped` after the default reporter, the
 * plain form CI tooling reads; vitest's own summary uses another layout. A test file that fails
 * before its tests run (an import or setup error) and an unhandled error each count as a
 * failure, so the line never says 0 failed when the run failed.
 */
export default class SummaryLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      let failedHere = 0;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
        else skipped++;
      }
      if (failedHere === 0 && mod.state() === 'failed') failedHere = 1;
      failed += failedHere;
    }
    failed += unhandledErrors.length;
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
