/** The few GitHub REST calls the pipeline makes, with pagination by Link header. */
export class GitHubClient {
  constructor(
    private readonly token: string,
    private readonly apiUrl = "https://api.github.com",
  ) {}

  /** Every item of a paginated list, following `Link: <...>; rel="next"` through all pages. */
  async paginate<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let url: string | undefined = `${this.apiUrl}${path}${path.includes("?") ? "&" : "?"}per_page=100`;
    while (url) {
      const response = await this.fetch(url, { method: "GET" });
      items.push(...((await response.json()) as T[]));
      url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
    }
    return items;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.fetch(`${this.apiUrl}${path}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } } : {}),
    });
    return (await response.json()) as T;
  }

  private async fetch(url: string, init: RequestInit): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      headers: {
        Accept: "application/vnd.github+json",
        Authorization: `Bearer ${this.token}`,
        "X-GitHub-Api-Version": "2022-11-28",
        ...(init.headers as Record<string, string> | undefined),
      },
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) {
      const text = await response.text();
      throw new Error(
        `GitHub API ${init.method} ${new URL(url).pathname} failed: HTTP ${response.status}: ${text.slice(0, 300)}`,
      );
    }
    return response;
  }
}
