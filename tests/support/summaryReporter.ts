import Mocha from "mocha";
import { TIERS_NOT_RUN } from "./tierNotices";

/**
 * Mocha's spec reporter, closed by the tiers that did not run on this machine and by one plain
 * line `mocha: N passed, N failed` that any CI log reader can count. In one group of
 * .ci/test-tiers.sh (`SKYPORT_TEST_GROUP`, unset by default) the line names the group,
 * `mocha (<group>): …`, and the script closes the run with both groups' sum.
 */
class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = runner.stats;
      for (const notice of TIERS_NOT_RUN) process.stdout.write(`\n!!! ${notice}\n`);
      const group = process.env.SKYPORT_TEST_GROUP;
      const label = group ? `mocha (${group})` : "mocha";
      if (stats) process.stdout.write(`${label}: ${stats.passes} passed, ${stats.failures} failed\n`);
    });
  }
}

export = SummaryReporter;
