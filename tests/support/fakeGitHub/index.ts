import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Router from "@koa/router";
import Koa, { type Context } from "koa";
import {
  ACTIONS_BOT_ACTOR,
  type Actor,
  type Comment,
  type CommitStatus,
  type Deployment,
  type DeploymentStatus,
  type Environment,
  type Issue,
  nodeId,
  now,
  type PullRequest,
} from "./shapes";

export { ACTIONS_BOT_ACTOR, type Actor } from "./shapes";

/** A person who comments on pull requests, as GitHub shows one. */
export const REVIEWER: Actor = { login: "octocat", id: 583231, type: "User" };

/** An answer the fake gives instead of the real one, once. */
export interface InjectedFailure {
  status: number;
  headers?: Record<string, string>;
  message?: string;
}

type Body = Record<string, any>;

/**
 * A local stand-in for the slice of GitHub's REST API the pipeline uses, answering in the
 * shapes GitHub documents (tests/support/fakeGitHub/shapes.ts): issue comments, issues, pull
 * requests and the pull requests of a commit, commit statuses, deployments and their statuses,
 * the comparison of two commits (from a commit graph the test gives), and the repository's
 * environments, secrets, variables, branch protection and rulesets. Lists are paginated with
 * Link headers at a small page size. Every request needs a token (`token …` or `Bearer …`, as
 * GitHub accepts both), which names who acts. Failures can be queued: server errors, and rate
 * limits with GitHub's own headers.
 */
export class FakeGitHub {
  readonly issues = new Map<number, Issue>();
  readonly pulls = new Map<number, PullRequest>();
  readonly statuses = new Map<string, CommitStatus[]>();
  readonly deployments: Deployment[] = [];
  readonly deploymentStatuses = new Map<number, DeploymentStatus[]>();
  /** Each commit's parents: the history compare reads. */
  readonly commits = new Map<string, string[]>();
  readonly environments = new Map<string, Environment>();
  readonly repositorySecrets: string[] = [];
  readonly repositoryVariables: string[] = [];
  /** Status contexts branch protection requires on the default branch; undefined: not protected. */
  protectedChecks?: string[];
  /** Status contexts a ruleset requires on the default branch. */
  rulesetChecks: string[] = [];
  /** What GET /repos/{owner}/{repo} says of visibility. */
  visibility: "public" | "private" | "internal" = "private";
  readonly requests: Array<{ method: string; path: string }> = [];
  /** Answers given, in order, before any real one. */
  readonly failures: InjectedFailure[] = [];
  /** Who each token acts as. */
  readonly tokens: Map<string, Actor>;
  private nextId = 1000;
  private server?: Server;
  apiUrl = "";

  constructor(
    readonly token = "ghs_fake_token",
    /** Most items a page holds, whatever per_page asks for. */
    readonly pageSize = 30,
  ) {
    this.tokens = new Map([[token, ACTIONS_BOT_ACTOR]]);
  }

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
      head: { sha: fields.headSha, ref: `branch-${number}`, repo: { full_name: fields.headRepo ?? "acme/skyport" } },
      merged_at: fields.mergeCommit ? now() : null,
      merge_commit_sha: fields.mergeCommit ?? null,
    };
    this.pulls.set(number, pull);
    return pull;
  }

  /** A comment on an issue or pull request; by a person unless told otherwise. */
  addComment(number: number, body: string, user: Actor = REVIEWER): Comment {
    const id = this.nextId++;
    const comment = { id, node_id: nodeId("IssueComment", id), body, user, created_at: now(), updated_at: now() };
    this.issues.get(number)!.comments.push(comment);
    return comment;
  }

  /** A line of history: each commit the child of the one before it (the first has `parent`, if given). */
  addHistory(shas: string[], parent?: string): void {
    shas.forEach((sha, i) => this.commits.set(sha, i === 0 ? (parent ? [parent] : []) : [shas[i - 1]]));
  }

  /** An environment, with protection and the names of its secrets and variables. */
  addEnvironment(name: string, fields: Partial<Omit<Environment, "name">> = {}): Environment {
    const environment: Environment = { name, reviewers: [], branches: "all", secrets: [], variables: [], ...fields };
    this.environments.set(name, environment);
    return environment;
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
      const token = /^(?:Bearer|token) (.+)$/.exec(ctx.get("Authorization"))?.[1];
      const actor = token === undefined ? undefined : this.tokens.get(token);
      if (!actor) {
        ctx.status = 401;
        ctx.body = { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" };
        return;
      }
      ctx.state.actor = actor;
      if (["POST", "PATCH", "PUT"].includes(ctx.method)) {
        let text = "";
        for await (const chunk of ctx.req) text += String(chunk);
        ctx.request.body = text ? (JSON.parse(text) as unknown) : {};
      }
      await next();
    });
    this.issueRoutes(router);
    this.statusRoutes(router);
    this.deploymentRoutes(router);
    this.settingsRoutes(router);
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

  private issueRoutes(router: Router): void {
    router.get("/repos/:owner/:repo/issues/:number/comments", (ctx) => {
      this.page(ctx, this.issues.get(Number(ctx.params.number))?.comments ?? []);
    });
    router.post("/repos/:owner/:repo/issues/:number/comments", (ctx) => {
      const issue = this.issues.get(Number(ctx.params.number));
      if (!issue) return notFound(ctx);
      const comment = this.addComment(
        issue.number,
        (ctx.request.body as Body).body as string,
        ctx.state.actor as Actor,
      );
      ctx.status = 201;
      ctx.body = comment;
    });
    router.patch("/repos/:owner/:repo/issues/comments/:id", (ctx) => {
      const comment = [...this.issues.values()].flatMap((i) => i.comments).find((c) => c.id === Number(ctx.params.id));
      if (!comment) return notFound(ctx);
      if (comment.user.login !== (ctx.state.actor as Actor).login) {
        ctx.status = 403;
        ctx.body = { message: "Resource not accessible by integration" };
        return;
      }
      comment.body = (ctx.request.body as Body).body as string;
      comment.updated_at = now();
      ctx.body = comment;
    });
    router.get("/repos/:owner/:repo/pulls/:number", (ctx) => {
      const pull = this.pulls.get(Number(ctx.params.number));
      if (!pull) return notFound(ctx);
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
          .map(({ comments, ...issue }) => ({ ...issue, comments: comments.length })),
      );
    });
    router.post("/repos/:owner/:repo/issues", (ctx) => {
      const body = ctx.request.body as { title: string; body: string; labels?: string[] };
      const number = Math.max(0, ...this.issues.keys()) + 1;
      const issue = this.addIssue(number, {
        title: body.title,
        body: body.body,
        labels: (body.labels ?? []).map((name) => ({ name })),
      });
      ctx.status = 201;
      ctx.body = { number: issue.number, title: issue.title, state: issue.state };
    });
    router.patch("/repos/:owner/:repo/issues/:number", (ctx) => {
      const issue = this.issues.get(Number(ctx.params.number));
      if (!issue) return notFound(ctx);
      Object.assign(issue, ctx.request.body);
      ctx.body = { number: issue.number, title: issue.title, state: issue.state };
    });
  }

  private statusRoutes(router: Router): void {
    router.post("/repos/:owner/:repo/statuses/:sha", (ctx) => {
      const body = ctx.request.body as Body;
      if (!["error", "failure", "pending", "success"].includes(body.state as string)) {
        ctx.status = 422;
        ctx.body = { message: "Validation Failed", errors: [{ resource: "Status", code: "invalid", field: "state" }] };
        return;
      }
      const id = this.nextId++;
      const status: CommitStatus = {
        url: `${this.apiUrl}${ctx.path}`,
        avatar_url: null,
        id,
        node_id: nodeId("StatusContext", id),
        state: body.state as CommitStatus["state"],
        description: (body.description as string | undefined) ?? null,
        target_url: (body.target_url as string | undefined) ?? null,
        context: (body.context as string | undefined) ?? "default",
        created_at: now(),
        updated_at: now(),
        creator: ctx.state.actor as Actor,
      };
      this.statuses.set(ctx.params.sha, [status, ...(this.statuses.get(ctx.params.sha) ?? [])]);
      ctx.status = 201;
      ctx.body = status;
    });
    router.get("/repos/:owner/:repo/commits/:ref/statuses", (ctx) => {
      this.page(ctx, this.statuses.get(ctx.params.ref) ?? []);
    });
    router.get("/repos/:owner/:repo/compare/:basehead", (ctx) => {
      const [base, head] = ctx.params.basehead.split("...");
      if (!this.commits.has(base) || !this.commits.has(head)) return notFound(ctx);
      const aheadBy = this.distance(head, base);
      const behindBy = this.distance(base, head);
      const status =
        aheadBy === 0 && behindBy === 0
          ? "identical"
          : behindBy === 0 && this.isAncestor(base, head)
            ? "ahead"
            : aheadBy === 0 && this.isAncestor(head, base)
              ? "behind"
              : "diverged";
      ctx.body = {
        status,
        ahead_by: aheadBy,
        behind_by: behindBy,
        total_commits: aheadBy,
        base_commit: { sha: base },
        merge_base_commit: { sha: this.mergeBase(base, head) },
        commits: [],
      };
    });
  }

  private deploymentRoutes(router: Router): void {
    router.post("/repos/:owner/:repo/deployments", (ctx) => {
      const body = ctx.request.body as Body;
      const id = this.nextId++;
      const deployment: Deployment = {
        id,
        node_id: nodeId("Deployment", id),
        sha: body.ref as string,
        ref: body.ref as string,
        task: (body.task as string | undefined) ?? "deploy",
        payload: (body.payload as Record<string, unknown> | undefined) ?? {},
        environment: (body.environment as string | undefined) ?? "production",
        description: (body.description as string | undefined) ?? null,
        creator: ctx.state.actor as Actor,
        created_at: now(),
        updated_at: now(),
        production_environment:
          (body.production_environment as boolean | undefined) ?? body.environment === "production",
        transient_environment: (body.transient_environment as boolean | undefined) ?? false,
      };
      this.deployments.unshift(deployment);
      ctx.status = 201;
      ctx.body = deployment;
    });
    router.get("/repos/:owner/:repo/deployments", (ctx) => {
      const environment = ctx.query.environment as string | undefined;
      this.page(
        ctx,
        this.deployments.filter((d) => !environment || d.environment === environment),
      );
    });
    router.post("/repos/:owner/:repo/deployments/:id/statuses", (ctx) => {
      const deployment = this.deployments.find((d) => d.id === Number(ctx.params.id));
      if (!deployment) return notFound(ctx);
      const body = ctx.request.body as Body;
      const status = this.addDeploymentStatus(deployment, body, ctx.state.actor as Actor);
      // As GitHub documents auto_inactive (default true): a success makes the prior successful
      // deployments of the environment inactive, unless it is a production or a transient one.
      if (status.state === "success" && body.auto_inactive !== false) {
        for (const prior of this.deployments.filter(
          (d) => d.environment === deployment.environment && d.id !== deployment.id,
        )) {
          if (prior.production_environment || prior.transient_environment) continue;
          if (this.deploymentStatuses.get(prior.id)?.[0]?.state === "success") {
            this.addDeploymentStatus(prior, { state: "inactive" }, ctx.state.actor as Actor);
          }
        }
      }
      ctx.status = 201;
      ctx.body = status;
    });
    router.get("/repos/:owner/:repo/deployments/:id/statuses", (ctx) => {
      this.page(ctx, this.deploymentStatuses.get(Number(ctx.params.id)) ?? []);
    });
  }

  private settingsRoutes(router: Router): void {
    router.get("/repos/:owner/:repo", (ctx) => {
      const fullName = `${ctx.params.owner}/${ctx.params.repo}`;
      ctx.body = {
        full_name: fullName,
        private: this.visibility !== "public",
        visibility: this.visibility,
        default_branch: "main",
      };
    });
    router.get("/repos/:owner/:repo/environments", (ctx) => {
      const environments = [...this.environments.values()].map((environment, i) => ({
        id: i + 1,
        node_id: nodeId("Environment", i + 1),
        name: environment.name,
        protection_rules: [
          ...(environment.reviewers.length > 0
            ? [
                {
                  id: 100 + i,
                  type: "required_reviewers",
                  prevent_self_review: false,
                  reviewers: environment.reviewers.map((login) => ({ type: "User", reviewer: { login } })),
                },
              ]
            : []),
          ...(environment.branches === "all" ? [] : [{ id: 200 + i, type: "branch_policy" }]),
        ],
        deployment_branch_policy:
          environment.branches === "all"
            ? null
            : {
                protected_branches: environment.branches === "protected",
                custom_branch_policies: Array.isArray(environment.branches),
              },
      }));
      ctx.body = { total_count: environments.length, environments };
    });
    router.get("/repos/:owner/:repo/environments/:name/deployment-branch-policies", (ctx) => {
      const environment = this.environments.get(ctx.params.name);
      if (!environment) return notFound(ctx);
      const names = Array.isArray(environment.branches) ? environment.branches : [];
      ctx.body = {
        total_count: names.length,
        branch_policies: names.map((name, i) => ({
          id: i + 1,
          node_id: nodeId("BranchPolicy", i + 1),
          name,
          type: "branch",
        })),
      };
    });
    router.get("/repos/:owner/:repo/environments/:name/secrets", (ctx) => {
      const environment = this.environments.get(ctx.params.name);
      if (!environment) return notFound(ctx);
      ctx.body = namedList("secrets", environment.secrets);
    });
    router.get("/repos/:owner/:repo/environments/:name/variables", (ctx) => {
      const environment = this.environments.get(ctx.params.name);
      if (!environment) return notFound(ctx);
      ctx.body = namedList("variables", environment.variables);
    });
    router.get(
      "/repos/:owner/:repo/actions/secrets",
      (ctx) => void (ctx.body = namedList("secrets", this.repositorySecrets)),
    );
    router.get("/repos/:owner/:repo/actions/variables", (ctx) => {
      ctx.body = namedList("variables", this.repositoryVariables);
    });
    router.get("/repos/:owner/:repo/branches/:branch/protection", (ctx) => {
      if (this.protectedChecks === undefined) {
        ctx.status = 404;
        ctx.body = { message: "Branch not protected", documentation_url: "https://docs.github.com/rest" };
        return;
      }
      const url = `${this.apiUrl}${ctx.path}`;
      ctx.body = {
        url,
        required_status_checks: {
          url: `${url}/required_status_checks`,
          strict: true,
          contexts: this.protectedChecks,
          contexts_url: `${url}/required_status_checks/contexts`,
          checks: this.protectedChecks.map((context) => ({ context, app_id: null })),
        },
        enforce_admins: { url: `${url}/enforce_admins`, enabled: false },
      };
    });
    router.get("/repos/:owner/:repo/rules/branches/:branch", (ctx) => {
      ctx.body =
        this.rulesetChecks.length === 0
          ? []
          : [
              {
                type: "required_status_checks",
                ruleset_source_type: "Repository",
                ruleset_source: `${ctx.params.owner}/${ctx.params.repo}`,
                ruleset_id: 1,
                parameters: {
                  strict_required_status_checks_policy: false,
                  required_status_checks: this.rulesetChecks.map((context) => ({ context })),
                },
              },
            ];
    });
  }

  private addDeploymentStatus(deployment: Deployment, body: Body, creator: Actor): DeploymentStatus {
    const id = this.nextId++;
    const status: DeploymentStatus = {
      id,
      node_id: nodeId("DeploymentStatus", id),
      state: body.state as DeploymentStatus["state"],
      description: (body.description as string | undefined) ?? "",
      environment: (body.environment as string | undefined) ?? deployment.environment,
      environment_url: (body.environment_url as string | undefined) ?? "",
      log_url: (body.log_url as string | undefined) ?? "",
      creator,
      created_at: now(),
    };
    this.deploymentStatuses.set(deployment.id, [status, ...(this.deploymentStatuses.get(deployment.id) ?? [])]);
    return status;
  }

  /** Commits reachable from `from` but not from `to`. */
  private distance(from: string, to: string): number {
    const excluded = this.ancestors(to);
    return [...this.ancestors(from)].filter((sha) => !excluded.has(sha)).length;
  }

  private isAncestor(ancestor: string, of: string): boolean {
    return this.ancestors(of).has(ancestor);
  }

  private mergeBase(a: string, b: string): string | undefined {
    const ofB = this.ancestors(b);
    const queue = [a];
    while (queue.length > 0) {
      const sha = queue.shift()!;
      if (ofB.has(sha)) return sha;
      queue.push(...(this.commits.get(sha) ?? []));
    }
    return undefined;
  }

  /** The commit and every commit before it. */
  private ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(this.commits.get(next) ?? []));
    }
    return seen;
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

function notFound(ctx: Context): void {
  ctx.status = 404;
  ctx.body = { message: "Not Found", documentation_url: "https://docs.github.com/rest" };
}

/** `{total_count, secrets|variables: [...]}`, as GitHub lists an environment's or a repository's. */
function namedList(kind: "secrets" | "variables", names: string[]) {
  return {
    total_count: names.length,
    [kind]: names.map((name) => ({
      name,
      ...(kind === "variables" ? { value: "" } : {}),
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
    })),
  };
}
