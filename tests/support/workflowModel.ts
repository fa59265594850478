import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { PROJECT_DIR } from "../../tools/lib/plan/stackFile";

/** Where the workflows are. */
export const WORKFLOWS = join(PROJECT_DIR, ".github", "workflows");

/** A workflow file, parsed. */
export type Workflow = Record<string, any>;

/** Every workflow file, by its file name. */
export function readWorkflows(): Record<string, Workflow> {
  return Object.fromEntries(
    readdirSync(WORKFLOWS)
      .filter((file) => file.endsWith(".yml"))
      .map((file) => [file, parse(readFileSync(join(WORKFLOWS, file), "utf8")) as Workflow]),
  );
}

/** One job as it runs: its triggers followed through reusable workflows, and what it is given. */
export interface RunningJob {
  /** `<file>:<job>`, and `<caller> -> <file>:<job>` for a reusable workflow's job. */
  id: string;
  job: Record<string, any>;
  /** The events that can start it. */
  events: string[];
  /** The environment it runs in (its name expression), or undefined. */
  environment?: string;
  /** Every `secrets.X` and `vars.X` the job names, in its env, steps and inputs. */
  secrets: string[];
  variables: string[];
  /** The job that calls this one's workflow, when it is a reusable workflow's. */
  caller?: RunningJob;
}

const names = (text: string, context: "secrets" | "vars") =>
  [...text.matchAll(new RegExp(`\\b${context}\\.([A-Z_][A-Z0-9_]*)`, "g"))].map((m) => m[1]);

/** The events a job's `if` lets through, of the workflow's. */
function eventsOf(workflow: Workflow, job: Record<string, any>): string[] {
  const events = Object.keys(workflow.on ?? {});
  const only = /github\.event_name == '([a-z_]+)'/.exec(String(job.if ?? ""));
  return only && !String(job.if).includes("||") ? events.filter((event) => event === only[1]) : events;
}

/**
 * Every job that runs, with the events that start it: a job that calls a reusable workflow
 * stands for that workflow's jobs, which run on the caller's events, with what the caller names
 * (secrets: inherit passes all of them).
 */
export function runningJobs(workflows = readWorkflows()): RunningJob[] {
  const expand = (file: string, events: string[], caller?: RunningJob): RunningJob[] =>
    Object.entries<Record<string, any>>(workflows[file].jobs).flatMap(([name, job]) => {
      const text = JSON.stringify(job);
      const own: RunningJob = {
        id: caller ? `${caller.id} -> ${file}:${name}` : `${file}:${name}`,
        job,
        events: caller ? events : eventsOf(workflows[file], job),
        environment: typeof job.environment === "string" ? job.environment : job.environment?.name,
        secrets: names(text, "secrets"),
        variables: names(text, "vars"),
        caller,
      };
      if (typeof job.uses === "string" && job.uses.startsWith("./.github/workflows/")) {
        return [own, ...expand(job.uses.split("/").pop()!, own.events, own)];
      }
      return [own];
    });
  return Object.keys(workflows)
    .filter((file) => !("workflow_call" in (workflows[file].on ?? {})))
    .flatMap((file) => expand(file, Object.keys(workflows[file].on ?? {})));
}
