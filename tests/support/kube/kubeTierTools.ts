import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_DIR } from "../../../tools/lib/plan/stackFile";
import type { ClusterBinaries } from "./localCluster";

/** Where .ci/build-kube-tier.sh puts the control plane. */
export const KUBE_BIN_DIR = join(PROJECT_DIR, ".tools", "kube", "bin");

const BUILT = [
  "kube-apiserver",
  "kube-controller-manager",
  "kube-scheduler",
  "kwok",
  "kwok-stages.yaml",
  "gateway-api-crds.yaml",
  ".versions",
];

/** The Kubernetes tier's tools, or why they are missing and how to get them. */
export function kubeTierTools(): { binaries?: ClusterBinaries; missing?: string } {
  const absent = BUILT.filter((file) => !existsSync(join(KUBE_BIN_DIR, file)));
  if (absent.length > 0) {
    return { missing: `${absent.join(", ")} not built in .tools/kube/bin (run: bash .ci/build-kube-tier.sh)` };
  }
  const etcd = spawnSync("etcd", ["--version"], { encoding: "utf8" });
  if (etcd.status !== 0) return { missing: "no etcd on PATH (apt-get install etcd-server)" };
  return { binaries: { binDir: KUBE_BIN_DIR, etcd: "etcd" } };
}
