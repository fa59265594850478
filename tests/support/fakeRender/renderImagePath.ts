/**
 * How Render rewrites an image path it is given, as the recorded sessions show (an `nginx`
 * service comes back as `docker.io/library/nginx:latest`): a path with no registry host gets
 * docker.io, an official image gets `library/`, and a path with neither tag nor digest gets
 * `:latest`. Written from the recordings, apart from skyport's own image reference code, so a
 * test that passes proves the provider copes with Render, not with itself.
 */
export function renderImagePath(path: string): string {
  const parts = path.split("/");
  const hasHost = parts.length > 1 && /[.:]|^localhost$/.test(parts[0]);
  const withHost = hasHost ? path : `docker.io/${parts.length === 1 ? `library/${path}` : path}`;
  const last = withHost.slice(withHost.lastIndexOf("/") + 1);
  return last.includes(":") || last.includes("@") ? withHost : `${withHost}:latest`;
}
