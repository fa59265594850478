import Mocha from "mocha";
import { TIERS_NOT_RUN } from "./tierNotices";

/**
 * Mocha's spec reporter, closed by the tiers that did not run on this machine and by one plain
 * line `mocha: N passed, N failed` that any CI log reader can count.
 */
class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = runner.stats;
      for (const notice of TIERS_NOT_RUN) process.stdout.write(`\n!!! ${notice}\n`);
      if (stats) process.stdout.write(`mocha: ${stats.passes} passed, ${stats.failures} failed\n`);
    });
  }
}

export = SummaryReporter;
