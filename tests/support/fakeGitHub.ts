import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Router from "@koa/router";
import Koa, { type Context } from "koa";

interface Comment {
  id: number;
  body: string;
}

interface Issue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: Array<{ name: string }>;
  comments: Comment[];
}

/** A pull request, as far as the pipeline reads one. */
export interface PullRequest {
  number: number;
  state: "open" | "closed";
  head: { sha: string; repo: { full_name: string } };
  merged_at: string | null;
  merge_commit_sha: string | null;
}

/** An answer the fake gives instead of the real one, once. */
export interface InjectedFailure {
  status: number;
  headers?: Record<string, string>;
  message?: string;
}

/**
 * A local stand-in for the slice of GitHub's REST API the pipeline uses: issue comments,
 * issues, pull requests and the pull requests of a commit, paginated with Link headers at a small page size, behind a token (sent as
 * `token …` or `Bearer …`, as GitHub accepts both). Failures can be queued: server errors,
 * and rate limits with GitHub's own headers.
 */
export class FakeGitHub {
  readonly issues = new Map<number, Issue>();
  readonly pulls = new Map<number, PullRequest>();
  readonly requests: Array<{ method: string; path: string }> = [];
  /** Answers given, in order, before any real one. */
  readonly failures: InjectedFailure[] = [];
  private nextId = 1000;
  private server?: Server;
  apiUrl = "";

  constructor(
    readonly token = "ghs_fake_token",
    /** Most items a page holds, whatever per_page asks for. */
    readonly pageSize = 30,
  ) {}

  addIssue(number: number, fields: Partial<Omit<Issue, "number">> = {}): Issue {
    const issue: Issue = { number, title: `#${number}`, body: "", state: "open", labels: [], comments: [], ...fields };
    this.issues.set(number, issue);
    return issue;
  }

  /** A pull request (also an issue, for its comments): open, or merged as a commit. */
  addPullRequest(number: number, fields: { headSha: string; headRepo?: string; mergeCommit?: string }): PullRequest {
    this.addIssue(number);
    const pull: PullRequest = {
      number,
      state: fields.mergeCommit ? "closed" : "open",
      head: { sha: fields.headSha, repo: { full_name: fields.headRepo ?? "acme/skyport" } },
      merged_at: fields.mergeCommit ? new Date().toISOString() : null,
      merge_commit_sha: fields.mergeCommit ?? null,
    };
    this.pulls.set(number, pull);
    return pull;
  }

  addComment(number: number, body: string): Comment {
    const comment = { id: this.nextId++, body };
    this.issues.get(number)!.comments.push(comment);
    return comment;
  }

  async start(): Promise<this> {
    const app = new Koa();
    const router = new Router();
    app.use(async (ctx, next) => {
      this.requests.push({ method: ctx.method, path: ctx.path });
      const failure = this.failures.shift();
      if (failure) {
        ctx.status = failure.status;
        ctx.set(failure.headers ?? {});
        ctx.body = { message: failure.message ?? "injected failure" };
        return;
      }
      if (![`Bearer ${this.token}`, `token ${this.token}`].includes(ctx.get("Authorization"))) {
        ctx.status = 401;
        ctx.body = { message: "Bad credentials" };
        return;
      }
      if (["POST", "PATCH"].includes(ctx.method)) {
        let text = "";
        for await (const chunk of ctx.req) text += String(chunk);
        ctx.request.body = JSON.parse(text) as unknown;
      }
      await next();
    });
    router.get("/repos/:owner/:repo/issues/:number/comments", (ctx) => {
      this.page(ctx, this.issues.get(Number(ctx.params.number))?.comments ?? []);
    });
    router.post("/repos/:owner/:repo/issues/:number/comments", (ctx) => {
      const comment = this.addComment(Number(ctx.params.number), (ctx.request.body as { body: string }).body);
      ctx.status = 201;
      ctx.body = comment;
    });
    router.patch("/repos/:owner/:repo/issues/comments/:id", (ctx) => {
      const comment = [...this.issues.values()].flatMap((i) => i.comments).find((c) => c.id === Number(ctx.params.id));
      if (!comment) return void (ctx.status = 404);
      comment.body = (ctx.request.body as { body: string }).body;
      ctx.body = comment;
    });
    router.get("/repos/:owner/:repo/pulls/:number", (ctx) => {
      const pull = this.pulls.get(Number(ctx.params.number));
      if (!pull) return void ((ctx.status = 404), (ctx.body = { message: "Not Found" }));
      ctx.body = pull;
    });
    router.get("/repos/:owner/:repo/commits/:sha/pulls", (ctx) => {
      const sha = ctx.params.sha;
      this.page(
        ctx,
        [...this.pulls.values()].filter((p) => p.head.sha === sha || p.merge_commit_sha === sha),
      );
    });
    router.get("/repos/:owner/:repo/issues", (ctx) => {
      const label = ctx.query.labels as string | undefined;
      const state = (ctx.query.state as string | undefined) ?? "open";
      this.page(
        ctx,
        [...this.issues.values()]
          .filter((i) => (state === "all" || i.state === state) && (!label || i.labels.some((l) => l.name === label)))
          .map(({ comments: _comments, ...issue }) => issue),
      );
    });
    router.post("/repos/:owner/:repo/issues", (ctx) => {
      const body = ctx.request.body as { title: string; body: string; labels: string[] };
      const number = Math.max(0, ...this.issues.keys()) + 1;
      const issue = this.addIssue(number, {
        title: body.title,
        body: body.body,
        labels: body.labels.map((name) => ({ name })),
      });
      ctx.status = 201;
      ctx.body = { number: issue.number };
    });
    router.patch("/repos/:owner/:repo/issues/:number", (ctx) => {
      const issue = this.issues.get(Number(ctx.params.number));
      if (!issue) return void (ctx.status = 404);
      Object.assign(issue, ctx.request.body);
      ctx.body = { number: issue.number };
    });
    app.use(router.routes());
    const handle = app.callback();
    this.server = createServer((req, res) => void handle(req, res));
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    this.apiUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private page<T>(ctx: Context, items: T[]): void {
    const perPage = Math.min(Number(ctx.query.per_page ?? 30), this.pageSize);
    const page = Number(ctx.query.page ?? 1);
    ctx.body = items.slice((page - 1) * perPage, page * perPage);
    if (page * perPage < items.length) {
      const next = new URL(`${this.apiUrl}${ctx.path}`);
      for (const [key, value] of Object.entries(ctx.query)) next.searchParams.set(key, String(value));
      next.searchParams.set("page", String(page + 1));
      ctx.set("Link", `<${next.toString()}>; rel="next"`);
    }
  }
}
