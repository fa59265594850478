import type { AppSpec } from "../contract/appSpec";
import type { DerivedName } from "../contract/derivedNames";

/**
 * The ECS names with a limit an app name can reach: Pulumi auto-names the load balancer, the
 * target group and the roles (`<app>-alb-<7 random>`), and AWS allows 32 characters for the
 * first two and 64 for a role. The others (cluster, service, task family, log group, secrets)
 * allow 255 characters or more.
 */
export function ecsDerivedNames(spec: AppSpec): DerivedName[] {
  const aws = (resource: string, suffix: string, limit: number): DerivedName => ({
    resource,
    name: `${spec.name}-${suffix}`,
    autoNamed: true,
    limit,
    setBy: "AWS",
  });
  return [
    aws("the load balancer", "alb", 32),
    aws("the target group", "tg", 32),
    aws("the execution role", "execution-role", 64),
    aws("the task role", "task-role", 64),
  ];
}
