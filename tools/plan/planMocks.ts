import type * as pulumi from "@pulumi/pulumi";

/**
 * What the plan shows for a look-up only the cloud can answer, by invoke token: a placeholder
 * that says what would be looked up.
 */
const LOOKUPS: Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>> = {
  "aws:ec2/getVpc:getVpc": (inputs) =>
    inputs.id
      ? { id: inputs.id, cidrBlock: "[the VPC's CIDR block]" }
      : { id: "[the account's default VPC]", cidrBlock: "[the default VPC's CIDR block]" },
  "aws:ec2/getSubnets:getSubnets": () => ({ ids: ["[the default VPC's subnets]"] }),
  "aws:index/getRegion:getRegion": () => ({ region: "[aws:region]", name: "[aws:region]" }),
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({ accountId: "[the AWS account]" }),
  "aws:route53/getZone:getZone": (inputs) => ({ zoneId: `[the Route 53 zone ${String(inputs.name)}]` }),
  "gcp:organizations/getProject:getProject": () => ({ number: "[the project number]", projectId: "[gcp:project]" }),
};

/** Placeholders for what Google Cloud assigns, by resource type. */
function assignedByGoogle(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const base = { project: inputs.project ?? "[gcp:project]" };
  switch (type) {
    case "gcp:serviceaccount/account:Account":
      return { ...base, email: `[email of ${name}]` };
    case "gcp:secretmanager/secretVersion:SecretVersion":
      return { ...base, version: `[version of ${name}]`, name: `[name of ${name}]` };
    case "gcp:cloudrunv2/service:Service":
      return { ...base, uri: `[run.app URL of ${name}]` };
    default:
      return base;
  }
}

/**
 * Placeholders for attributes a cloud assigns that other resources refer to (ARNs, DNS names),
 * so a plan shows what refers to what instead of an opaque `[unknown]`.
 */
function assigned(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  if (type === "pulumi-nodejs:dynamic/render:Service") {
    return { serviceId: `[service id of ${name}]`, url: `[onrender.com URL of ${name}]` };
  }
  if (type.startsWith("gcp:")) return assignedByGoogle(type, name, inputs);
  if (!type.startsWith("aws:")) return {};
  const base = { arn: `[arn of ${name}]`, name: inputs.name ?? inputs.namePrefix ?? `[name of ${name}]` };
  switch (type) {
    case "aws:lb/loadBalancer:LoadBalancer":
      return { ...base, dnsName: `[dns name of ${name}]`, zoneId: `[zone of ${name}]` };
    case "aws:acm/certificate:Certificate":
      return {
        ...base,
        domainValidationOptions: [
          {
            resourceRecordName: "[validation record]",
            resourceRecordType: "CNAME",
            resourceRecordValue: "[validation value]",
          },
        ],
      };
    case "aws:acm/certificateValidation:CertificateValidation":
      return { certificateArn: inputs.certificateArn };
    case "aws:route53/record:Record":
      return { fqdn: inputs.name };
    default:
      return base;
  }
}

/**
 * A stack reference's outputs. A stack that names no image runs the one it was last deployed
 * with, which only the backend knows; the plan shows DEPLOYED_IMAGE_STAND_IN in its place.
 */
function deployedStack(inputs: Record<string, unknown>): Record<string, unknown> {
  const stack = String(inputs.name).split("/").pop() ?? "";
  return { ...inputs, outputs: { image: deployedImageStandIn(stack) }, secretOutputNames: [] };
}

/**
 * What an offline plan shows for the image a stack runs now: a well-formed reference, so every
 * rule that reads the registry still applies, under the reserved `.invalid` domain, which no
 * registry can ever answer.
 */
export function deployedImageStandIn(stack: string): string {
  return `deployed.invalid/${stack}@sha256:${"0".repeat(64)}`;
}

/**
 * Mocks for an offline plan: every resource echoes its inputs as its state, plus placeholders
 * for what a cloud assigns; anything else stays unknown, as in a real preview. Look-ups answer
 * with placeholders too.
 */
export const planMocks: pulumi.runtime.Mocks = {
  newResource: (args) => {
    const inputs = args.inputs as Record<string, unknown>;
    if (args.type === "pulumi:pulumi:StackReference") return { id: args.name, state: deployedStack(inputs) };
    return { id: `${args.name}-id`, state: { ...inputs, ...assigned(args.type, args.name, inputs) } };
  },
  call: (args) => LOOKUPS[args.token]?.(args.inputs as Record<string, unknown>) ?? {},
};
