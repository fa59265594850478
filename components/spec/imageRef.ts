/** An image reference pinned by digest, split into its parts. */
export interface ImageRef {
  /** Registry host, e.g. ghcr.io (docker.io when the reference names none). */
  registry: string;
  /** Repository path inside the registry, e.g. acme/skyport-app. */
  repository: string;
  /** `sha256:<64 hex>`. */
  digest: string;
}

/** Splits `registry/repository@sha256:<hex>`; the schema has already checked the shape. */
export function parseImageRef(image: string): ImageRef {
  const [name, digest] = image.split("@");
  const [first, ...rest] = name.split("/");
  const hasRegistry = rest.length > 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  return hasRegistry
    ? { registry: first, repository: rest.join("/"), digest }
    : { registry: "docker.io", repository: name.includes("/") ? name : `library/${name}`, digest };
}

/** The same image, by the same digest, under another registry path. */
export function imageAt(registryPath: string, ref: ImageRef): string {
  return `${registryPath}/${ref.repository}@${ref.digest}`;
}

/**
 * Any image reference in one canonical form, for comparing what was asked for with what a
 * platform reports: docker.io (not index.docker.io) as the default registry, `library/` for
 * official images, `:latest` when neither tag nor digest is given, and the digest alone when
 * both are (it decides). Render, for one, answers `nginx` as `docker.io/library/nginx:latest`.
 */
export function canonicalImageRef(image: string): string {
  const [named, digest] = image.split("@");
  const slash = named.lastIndexOf("/");
  const colon = named.lastIndexOf(":");
  const tag = colon > slash ? named.slice(colon + 1) : undefined;
  const name = tag === undefined ? named : named.slice(0, colon);
  const [first, ...rest] = name.split("/");
  const hasRegistry = rest.length > 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = hasRegistry ? (first === "index.docker.io" ? "docker.io" : first) : "docker.io";
  const path = hasRegistry ? rest.join("/") : name;
  const repository = registry === "docker.io" && !path.includes("/") ? `library/${path}` : path;
  return `${registry}/${repository}${digest ? `@${digest}` : `:${tag ?? "latest"}`}`;
}

/** True when two references name the same image (see canonicalImageRef). */
export function sameImage(a: string, b: string): boolean {
  return canonicalImageRef(a) === canonicalImageRef(b);
}
