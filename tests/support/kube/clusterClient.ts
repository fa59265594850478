import {
  ApiException,
  type RequestContext,
  type ResponseContext,
  createConfiguration,
  type KubernetesObject,
  KubernetesObjectApi,
  KubeConfig,
  PatchStrategy,
  ServerConfiguration,
} from "@kubernetes/client-node";
import type { ProgramObject } from "./programObjects";

/** The field manager skyport's objects are applied under, as the Pulumi provider's server-side apply does. */
export const FIELD_MANAGER = "skyport";

/** The API server's own words for a refused request: its Status message. */
function serverMessage(err: unknown): string {
  if (err instanceof ApiException) {
    const body = err.body as unknown;
    const status = (typeof body === "string" ? JSON.parse(body) : body) as { message?: string } | undefined;
    return `HTTP ${err.code}: ${status?.message ?? String(body)}`;
  }
  return err instanceof Error ? err.message : String(err);
}

const objectName = (object: ProgramObject) =>
  `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ""}${object.metadata.name}`;

/** A client of the tier's API server that applies objects the way the Kubernetes provider does. */
export class ClusterClient {
  readonly config = new KubeConfig();
  readonly objects: KubernetesObjectApi;
  /** `Warning` headers of the answers since the last apply began. */
  private warnings: string[] = [];

  constructor(kubeconfigPath: string) {
    this.config.loadFromFile(kubeconfigPath);
    const collectWarnings = {
      pre: (context: RequestContext) => Promise.resolve(context),
      post: (context: ResponseContext) => {
        const warning = context.headers.warning;
        if (warning) this.warnings.push(warning);
        return Promise.resolve(context);
      },
    };
    this.objects = new KubernetesObjectApi(
      createConfiguration({
        baseServer: new ServerConfiguration(this.config.getCurrentCluster()!.server, {}),
        authMethods: { default: this.config },
        promiseMiddleware: [collectWarnings],
      }),
    );
  }

  /**
   * Server-side applies one object (field manager skyport, forced), and fails with the API
   * server's own message when it refuses the object or accepts it with a warning.
   */
  async apply(object: ProgramObject): Promise<KubernetesObject> {
    this.warnings = [];
    let applied: KubernetesObject;
    try {
      applied = await this.objects.patch(
        object,
        undefined,
        undefined,
        FIELD_MANAGER,
        true,
        PatchStrategy.ServerSideApply,
      );
    } catch (err) {
      throw new Error(`the API server refused ${objectName(object)}: ${serverMessage(err)}`, { cause: err });
    }
    if (this.warnings.length > 0) {
      throw new Error(`the API server accepted ${objectName(object)} with a warning: ${this.warnings.join("; ")}`);
    }
    return applied;
  }

  /** Applies every object in order, as `pulumi up` would create them. */
  async applyAll(objects: ProgramObject[]): Promise<KubernetesObject[]> {
    const applied: KubernetesObject[] = [];
    for (const object of objects) applied.push(await this.apply(object));
    return applied;
  }

  /** Reads an object back as the server stores it (defaults filled in, status as the controllers set it), as plain JSON. */
  async read<T extends KubernetesObject>(object: ProgramObject): Promise<T> {
    const stored = await this.objects.read({
      apiVersion: object.apiVersion,
      kind: object.kind,
      metadata: { name: object.metadata.name, namespace: object.metadata.namespace },
    });
    return JSON.parse(JSON.stringify(stored)) as T;
  }

  /** Deletes one object, its dependents in the background (ReplicaSets, Pods). */
  async delete(object: ProgramObject): Promise<void> {
    await this.objects.delete(object, undefined, undefined, undefined, undefined, "Background");
  }
}
