import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { freePort } from "../freePort";
import { type ClusterCertificates, generateCertificates } from "./certificates";

/** Where the tier's control plane binaries are (.ci/build-kube-tier.sh), and etcd. */
export interface ClusterBinaries {
  /** kube-apiserver, kube-controller-manager, kube-scheduler, kwok and kwok-stages.yaml. */
  binDir: string;
  /** Debian's etcd-server. Default `etcd` on PATH. */
  etcd?: string;
}

/** A running local control plane. */
export interface LocalCluster {
  /** A kubeconfig for the admin (system:masters). */
  kubeconfigPath: string;
  /** https://127.0.0.1:<port> */
  server: string;
  /** The run's folder: certificates, etcd's data and each process's log. */
  dir: string;
  /** Stops every process, and removes the folder unless keepDir. */
  stop(options?: { keepDir?: boolean }): Promise<void>;
}

const NODE_NAME = "kwok-node-0";

function kubeconfig(server: string, certs: ClusterCertificates): string {
  const data = (file: string) => readFileSync(file).toString("base64");
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "kube-tier", cluster: { server, "certificate-authority-data": data(certs.caCert) } }],
    users: [
      {
        name: "admin",
        user: { "client-certificate-data": data(certs.adminCert), "client-key-data": data(certs.adminKey) },
      },
    ],
    contexts: [{ name: "kube-tier", context: { cluster: "kube-tier", user: "admin" } }],
    "current-context": "kube-tier",
  });
}

/** The admin's TLS material, read once. */
interface AdminTls {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

function adminTls(certs: ClusterCertificates): AdminTls {
  return { ca: readFileSync(certs.caCert), cert: readFileSync(certs.adminCert), key: readFileSync(certs.adminKey) };
}

/** One request to the API server as the admin; resolves with the status and body. */
function adminRequest(
  tls: AdminTls,
  url: string,
  method = "GET",
  body?: unknown,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ...tls,
        headers:
          body === undefined
            ? {}
            : { "Content-Type": method === "PATCH" ? "application/merge-patch+json" : "application/json" },
        timeout: 5_000,
      },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls until check passes, failing after timeoutMs with what the last try said, or at once
 * when `exitedEarly` reports a process that died.
 */
async function waitFor(
  what: string,
  timeoutMs: number,
  exitedEarly: () => string | undefined,
  check: () => Promise<string | true>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    const early = exitedEarly();
    if (early) throw new Error(early);
    try {
      const result = await check();
      if (result === true) return;
      last = result;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await sleep(200);
  }
  throw new Error(`the local cluster: ${what} not ready after ${timeoutMs / 1000} s (last: ${last.slice(0, 300)})`);
}

/**
 * Starts etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok on 127.0.0.1,
 * with throwaway certificates and service-account keys, and one node that kwok plays: pods
 * scheduled there become Running and Ready. Resolves once the API server is ready and the
 * node is Ready. Each process logs to `<dir>/<name>.log`.
 */
export async function startLocalCluster(binaries: ClusterBinaries): Promise<LocalCluster> {
  const dir = mkdtempSync(join(tmpdir(), "skyport-kube-"));
  const processes: Array<{ name: string; child: ChildProcess }> = [];
  const stop = async ({ keepDir = false } = {}) => {
    for (const { child } of [...processes].reverse()) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const exited = once(child, "exit");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
    }
    if (!keepDir) rmSync(dir, { recursive: true, force: true });
  };
  const start = (name: string, command: string, args: string[]) => {
    const log = createWriteStream(join(dir, `${name}.log`));
    const child = spawn(command, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    child.on("error", (err) => log.write(`failed to start: ${err.message}\n`));
    processes.push({ name, child });
    return child;
  };
  const exitedEarly = () => {
    const dead = processes.find(({ child }) => child.exitCode !== null || child.signalCode !== null);
    if (!dead) return undefined;
    const log = readFileSync(join(dir, `${dead.name}.log`), "utf8")
      .trim()
      .split("\n")
      .slice(-15)
      .join("\n");
    return `${dead.name} exited (${dead.child.exitCode ?? dead.child.signalCode}):\n${log}`;
  };
  try {
    const certs = generateCertificates(dir);
    const [etcdClient, etcdPeer, apiPort, controllerPort, schedulerPort, kwokPort] = await Promise.all(
      Array.from({ length: 6 }, freePort),
    );
    const server = `https://127.0.0.1:${apiPort}`;
    const kubeconfigPath = join(dir, "kubeconfig");
    writeFileSync(kubeconfigPath, kubeconfig(server, certs));
    mkdirSync(join(dir, "etcd"));
    const bin = (name: string) => join(binaries.binDir, name);

    start("etcd", binaries.etcd ?? "etcd", [
      "--data-dir",
      join(dir, "etcd"),
      "--listen-client-urls",
      `http://127.0.0.1:${etcdClient}`,
      "--advertise-client-urls",
      `http://127.0.0.1:${etcdClient}`,
      "--listen-peer-urls",
      `http://127.0.0.1:${etcdPeer}`,
      "--initial-advertise-peer-urls",
      `http://127.0.0.1:${etcdPeer}`,
      "--initial-cluster",
      `default=http://127.0.0.1:${etcdPeer}`,
      "--unsafe-no-fsync",
      // The API server's watch cache learns how far etcd has got from these notifications; at
      // etcd 3.4's default (10 minutes) a watch of a quiet resource fails "Too large resource
      // version" until some write to it happens, and informers (the provider's await) retry.
      "--experimental-watch-progress-notify-interval=1s",
    ]);
    start("kube-apiserver", bin("kube-apiserver"), [
      `--etcd-servers=http://127.0.0.1:${etcdClient}`,
      "--bind-address=127.0.0.1",
      "--advertise-address=127.0.0.1",
      `--secure-port=${apiPort}`,
      `--cert-dir=${dir}`,
      `--tls-cert-file=${certs.serverCert}`,
      `--tls-private-key-file=${certs.serverKey}`,
      `--client-ca-file=${certs.caCert}`,
      `--service-account-key-file=${certs.serviceAccountPub}`,
      `--service-account-signing-key-file=${certs.serviceAccountKey}`,
      "--service-account-issuer=https://kubernetes.default.svc",
      "--service-cluster-ip-range=10.96.0.0/16",
      "--authorization-mode=RBAC",
      "--endpoint-reconciler-type=none",
    ]);
    const tls = adminTls(certs);
    await waitFor("kube-apiserver /readyz", 60_000, exitedEarly, async () => {
      const { status, body } = await adminRequest(tls, `${server}/readyz`);
      return status === 200 || `HTTP ${status} ${body}`;
    });
    start("kube-controller-manager", bin("kube-controller-manager"), [
      `--kubeconfig=${kubeconfigPath}`,
      `--authentication-kubeconfig=${kubeconfigPath}`,
      `--authorization-kubeconfig=${kubeconfigPath}`,
      "--leader-elect=false",
      "--bind-address=127.0.0.1",
      `--secure-port=${controllerPort}`,
      `--service-account-private-key-file=${certs.serviceAccountKey}`,
      `--root-ca-file=${certs.caCert}`,
      "--use-service-account-credentials=false",
      "--controllers=*,-nodeipam,-nodelifecycle,-cloud-node-lifecycle,-service-lb-controller,-node-route-controller,-persistentvolume-binder,-attachdetach",
    ]);
    start("kube-scheduler", bin("kube-scheduler"), [
      `--kubeconfig=${kubeconfigPath}`,
      `--authentication-kubeconfig=${kubeconfigPath}`,
      `--authorization-kubeconfig=${kubeconfigPath}`,
      "--leader-elect=false",
      "--bind-address=127.0.0.1",
      `--secure-port=${schedulerPort}`,
    ]);
    start("kwok", bin("kwok"), [
      `--kubeconfig=${kubeconfigPath}`,
      `--config=${join(binaries.binDir, "kwok-stages.yaml")}`,
      "--manage-all-nodes=false",
      "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
      "--cidr=10.0.0.1/24",
      "--node-ip=10.0.0.1",
      "--server-address=127.0.0.1:" + kwokPort,
    ]);
    const created = await adminRequest(tls, `${server}/api/v1/nodes`, "POST", {
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name: NODE_NAME,
        annotations: { "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0" },
        labels: { "kubernetes.io/hostname": NODE_NAME, "kubernetes.io/os": "linux", type: "kwok" },
      },
      status: {
        allocatable: { cpu: "32", memory: "256Gi", pods: "110" },
        capacity: { cpu: "32", memory: "256Gi", pods: "110" },
      },
    });
    if (created.status !== 201) throw new Error(`creating the kwok node: HTTP ${created.status} ${created.body}`);
    await waitFor(`node ${NODE_NAME} Ready`, 60_000, exitedEarly, async () => {
      const { body } = await adminRequest(tls, `${server}/api/v1/nodes/${NODE_NAME}`);
      const node = JSON.parse(body) as { status?: { conditions?: Array<{ type: string; status: string }> } };
      const ready = node.status?.conditions?.find((c) => c.type === "Ready");
      return ready?.status === "True" || `Ready is ${ready?.status ?? "not reported"}`;
    });
    // The API server taints every new node not-ready; the node lifecycle controller, which would
    // lift it, is off (without kubelet heartbeats it would evict every pod), so lift it here.
    const untainted = await adminRequest(tls, `${server}/api/v1/nodes/${NODE_NAME}`, "PATCH", {
      spec: { taints: null },
    });
    if (untainted.status !== 200)
      throw new Error(`untainting the kwok node: HTTP ${untainted.status} ${untainted.body}`);
    await waitFor("the default service account", 60_000, exitedEarly, async () => {
      const { status } = await adminRequest(tls, `${server}/api/v1/namespaces/default/serviceaccounts/default`);
      return status === 200 || `HTTP ${status}`;
    });
    return { kubeconfigPath, server, dir, stop };
  } catch (err) {
    await stop({ keepDir: true });
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n(logs in ${dir})`, { cause: err });
  }
}
