import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A release's program and stack config, checked out beside the project. */
export interface ReleaseCheckout {
  /** The project folder in the checkout, where the Pulumi CLI runs for the release. */
  projectDir: string;
  /** Removes the checkout. */
  dispose(): Promise<void>;
}

/** The commit a folder's git checkout is at. */
async function headOf(dir: string): Promise<string> {
  return (await run("git", ["-C", dir, "rev-parse", "HEAD"])).stdout.trim();
}

/** The files that decide the program's dependencies. */
const DEPENDENCY_FILES = ["package.json", "package-lock.json"];

/**
 * Checks out a commit of the project's git repository as a worktree in a temporary folder, so
 * its program, policy pack and stack config deploy as they were at that commit. It gets the
 * project's node_modules when its dependency files are the same, and its own `npm ci` when not.
 * A commit the clone does not have yet is fetched from origin.
 */
export async function checkoutRelease(
  projectDir: string,
  commit: string,
  log: (line: string) => void = () => undefined,
): Promise<ReleaseCheckout> {
  const git = (...args: string[]) => run("git", ["-C", projectDir, ...args], { maxBuffer: 16 * 1024 * 1024 });
  const root = (await git("rev-parse", "--show-toplevel")).stdout.trim();
  try {
    await git("cat-file", "-e", `${commit}^{commit}`);
  } catch {
    log(`fetching ${commit} from origin`);
    await git("fetch", "--no-tags", "origin", commit);
  }
  const folder = mkdtempSync(join(tmpdir(), "skyport-release-"));
  const tree = join(folder, "tree");
  await git("worktree", "add", "--detach", tree, commit);
  const releaseDir = join(tree, relative(root, projectDir));
  const dispose = async () => {
    await git("worktree", "remove", "--force", tree).catch(() => undefined);
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    const changed = await git(
      "diff",
      "--name-only",
      "HEAD",
      commit,
      "--",
      ...DEPENDENCY_FILES.map((f) => join(relative(root, projectDir), f)),
    );
    if (changed.stdout.trim() === "") {
      symlinkSync(join(projectDir, "node_modules"), join(releaseDir, "node_modules"), "dir");
    } else {
      log(`${commit}'s dependencies differ from this checkout's: npm ci for it`);
      await run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: releaseDir, maxBuffer: 64 * 1024 * 1024 });
    }
  } catch (err) {
    await dispose();
    throw err;
  }
  return { projectDir: releaseDir, dispose };
}

/**
 * Runs `work` in the folder that holds a release's program and stack config: the project folder
 * when its checkout is at the release's commit, otherwise a checkout of that commit, removed
 * afterwards.
 */
export async function atRelease<T>(
  projectDir: string,
  commit: string,
  work: (releaseDir: string) => Promise<T>,
  log?: (line: string) => void,
): Promise<T> {
  if ((await headOf(projectDir)) === commit) return work(projectDir);
  const checkout = await checkoutRelease(projectDir, commit, log);
  try {
    return await work(checkout.projectDir);
  } finally {
    await checkout.dispose();
  }
}
