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
