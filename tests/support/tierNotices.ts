/**
 * Tiers that could not run on this machine. The summary reporter prints them after the counts,
 * loudly, so a run without them never reads as a full pass.
 */
export const TIERS_NOT_RUN: string[] = [];

/**
 * Declares a tier that needs a tool. With the tool, `register` defines its tests. Without it,
 * under CI=true the tier is one failing test that says what is missing; elsewhere it is listed
 * as not run, with the same words, at the end of the test report.
 */
export function tierNeedingTool(tier: string, missing: string | undefined, register: () => void): void {
  if (missing === undefined) {
    register();
    return;
  }
  if (process.env.CI === "true") {
    describe(tier, () => {
      it("has what it needs in CI", () => {
        throw new Error(`${tier} cannot run in CI: ${missing}`);
      });
    });
    return;
  }
  TIERS_NOT_RUN.push(`${tier}: NOT RUN — ${missing}`);
}
