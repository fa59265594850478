import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..");

function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((total, entry) => total + sizeOf(join(path, entry)), 0);
}

/** The app image's production dependency tree, installed as the Dockerfile installs it: package count and MiB. */
export function measureAppDependencies(): { packages: number; mib: number } {
  const dir = mkdtempSync(join(tmpdir(), "skyport-app-deps-"));
  try {
    mkdirSync(join(dir, "app"));
    for (const file of ["package.json", "package-lock.json"]) copyFileSync(join(ROOT, file), join(dir, file));
    copyFileSync(join(ROOT, "app", "package.json"), join(dir, "app", "package.json"));
    execFileSync("npm", ["ci", "--workspace", "app", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"], {
      cwd: dir,
      stdio: "ignore",
    });
    const lines = execFileSync("npm", ["ls", "--workspace", "app", "--omit=dev", "--all", "--parseable"], {
      cwd: dir,
      encoding: "utf8",
    })
      .split("\n")
      .filter((line) => line.includes("node_modules"));
    const trees = ["node_modules", join("app", "node_modules")].map((p) => join(dir, p));
    const bytes = trees.reduce((total, tree) => total + (safeExists(tree) ? sizeOf(tree) : 0), 0);
    return { packages: new Set(lines).size, mib: bytes / 2 ** 20 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function safeExists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
