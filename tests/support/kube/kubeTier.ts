import assert from "node:assert/strict";
import { tierNeedingTool } from "../tierNotices";
import { ClusterClient } from "./clusterClient";
import { kubeTierTools } from "./kubeTierTools";
import { type LocalCluster, startLocalCluster } from "./localCluster";

/** The local cluster of one Kubernetes-tier suite, once its `before` hook has started it. */
export interface KubeTierSession {
  readonly client: ClusterClient;
}

/**
 * A Kubernetes-tier suite: one local cluster (kube-apiserver, controllers, kwok) started before
 * its tests and stopped after them, `setup` run on it first. Without the tier's tools the suite
 * is reported missing (and fails with CI=true), never passed.
 */
export function describeKubeTier(
  title: string,
  body: (kube: KubeTierSession) => void,
  setup?: (client: ClusterClient) => Promise<void>,
): void {
  const tools = kubeTierTools();
  tierNeedingTool(title, tools.missing && `${tools.missing}; see "Tests, in tiers" in docs/DEVELOPMENT.md`, () => {
    describe(title, function () {
      this.timeout(240_000);
      let cluster: LocalCluster | undefined;
      let client: ClusterClient | undefined;
      before(async () => {
        cluster = await startLocalCluster(tools.binaries!);
        client = new ClusterClient(cluster.kubeconfigPath);
        await setup?.(client);
      });
      after(() => cluster?.stop());
      body({
        get client() {
          if (!client) throw new Error("the local cluster has not started");
          return client;
        },
      });
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls until check returns a value, or fails saying what was awaited (`what` may be a function,
 * to say what was last seen) and the last error check threw.
 */
export async function eventually<T>(
  what: string | (() => string),
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: string | undefined;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err instanceof Error ? err.message : JSON.stringify(err);
    }
    if (Date.now() > deadline) {
      assert.fail(
        `${typeof what === "string" ? what : what()}: not within ${timeoutMs / 1000} s${last ? ` (${last})` : ""}`,
      );
    }
    await sleep(250);
  }
}
