import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/** What skyport needs from Pulumi.yaml. */
export interface ProjectFile {
  name: string;
  /** Absolute folder of the stack files. */
  stackConfigDir: string;
}

/** Reads the project's name and stack config folder from `<dir>/Pulumi.yaml`. */
export function readProjectFileIn(dir: string): ProjectFile {
  const project = parse(readFileSync(join(dir, "Pulumi.yaml"), "utf8")) as Partial<ProjectFile>;
  if (!project.name) throw new Error(`${join(dir, "Pulumi.yaml")} has no name`);
  return { name: project.name, stackConfigDir: join(dir, project.stackConfigDir ?? ".") };
}

/** Path of a stack's config file: `<stackConfigDir>/Pulumi.<stack>.yaml`. */
export function stackFilePath(project: ProjectFile, stack: string): string {
  return join(project.stackConfigDir, `Pulumi.${stack}.yaml`);
}
