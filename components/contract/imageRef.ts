/** An image reference pinned by digest, split into its parts. */
export interface ImageRef {
  /** The whole reference, `registry/repository@sha256:<hex>`, as given. */
  ref: string;
  /** Registry host, e.g. ghcr.io (docker.io when the reference names none). */
  registry: string;
  /** Repository path inside the registry, e.g. acme/skyport-app. */
  repository: string;
  /** `sha256:<64 hex>`. */
  digest: string;
}

/**
 * An image name's registry host and repository path, as Docker reads a name: the first
 * component is a host only when it has a dot or a port or is localhost; otherwise the host is
 * docker.io, where a one-component name is an official image under `library/`.
 */
function splitImageName(name: string): { registry: string; repository: string } {
  const [first, ...rest] = name.split("/");
  const hasRegistry = rest.length > 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  if (hasRegistry) return { registry: first === "index.docker.io" ? "docker.io" : first, repository: rest.join("/") };
  return { registry: "docker.io", repository: name.includes("/") ? name : `library/${name}` };
}

/** Splits `registry/repository@sha256:<hex>`; the schema has already checked the shape. */
export function parseImageRef(image: string): ImageRef {
  const [name, digest] = image.split("@");
  return { ref: image, ...splitImageName(name), digest };
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
  const { registry, repository } = splitImageName(tag === undefined ? named : named.slice(0, colon));
  return `${registry}/${repository}${digest ? `@${digest}` : `:${tag ?? "latest"}`}`;
}

/** True when two references name the same image (see canonicalImageRef). */
export function sameImage(a: string, b: string): boolean {
  return canonicalImageRef(a) === canonicalImageRef(b);
}
