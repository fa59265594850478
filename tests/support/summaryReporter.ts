import Mocha from "mocha";

/**
 * Mocha's spec reporter, closed by one plain line `mocha: N passed, N failed` that any CI
 * log reader can count.
 */
class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = runner.stats;
      if (stats) process.stdout.write(`mocha: ${stats.passes} passed, ${stats.failures} failed\n`);
    });
  }
}

export = SummaryReporter;
