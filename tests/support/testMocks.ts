import * as pulumi from "@pulumi/pulumi";

/** Address the mocked cloud gives a LoadBalancer Service. */
export const MOCK_LOAD_BALANCER_HOSTNAME = "lb-1234.test.invalid";
/** The mocked AWS account and region. */
export const MOCK_AWS = { accountId: "123456789012", region: "eu-west-1" } as const;
/** The mocked Google Cloud project. */
export const MOCK_GCP = { project: "acme-prod", number: "123456789012" } as const;
/** The default VPC and subnets the mocked AWS account has. */
export const MOCK_DEFAULT_VPC = {
  id: "vpc-0a1b2c3d4e5f60718",
  cidrBlock: "172.31.0.0/16",
  subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
};

/** Mocks for one test run, and the plain inputs each resource reached its provider with. */
export interface TestMocks {
  mocks: pulumi.runtime.Mocks;
  /** `type::name` → inputs as the provider receives them (secrets decrypted). */
  providerInputs: Map<string, Record<string, unknown>>;
  /** Invoke tokens called, in order. */
  invokes: string[];
}

const INVOKES: Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>> = {
  "aws:ec2/getVpc:getVpc": (inputs) => ({
    id: inputs.id ?? MOCK_DEFAULT_VPC.id,
    cidrBlock: MOCK_DEFAULT_VPC.cidrBlock,
  }),
  "aws:ec2/getSubnets:getSubnets": () => ({ ids: MOCK_DEFAULT_VPC.subnetIds }),
  "aws:index/getRegion:getRegion": () => ({ region: MOCK_AWS.region, name: MOCK_AWS.region }),
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({ accountId: MOCK_AWS.accountId }),
  "aws:route53/getZone:getZone": (inputs) => ({ zoneId: "Z0MOCKZONE", name: inputs.name }),
  "gcp:organizations/getProject:getProject": () => ({ number: MOCK_GCP.number, projectId: MOCK_GCP.project }),
};

/** What the mocked Google Cloud computes for a resource. */
function computedByGoogle(type: string, inputs: Record<string, any>): Record<string, unknown> {
  const base = { project: inputs.project ?? MOCK_GCP.project };
  switch (type) {
    case "gcp:serviceaccount/account:Account":
      return { ...base, email: `${inputs.accountId}@${MOCK_GCP.project}.iam.gserviceaccount.com` };
    case "gcp:secretmanager/secret:Secret":
      return { ...base, name: `projects/${MOCK_GCP.project}/secrets/${inputs.secretId}` };
    case "gcp:secretmanager/secretVersion:SecretVersion":
      return { ...base, version: "1", name: `${String(inputs.secret)}/versions/1` };
    case "gcp:cloudrunv2/service:Service":
      return { ...base, uri: `https://${inputs.name}-abc123-ew.a.run.app` };
    default:
      return base;
  }
}

/** What the mocked clouds compute for a resource, beyond its inputs. */
function computed(type: string, name: string, inputs: Record<string, any>): Record<string, unknown> {
  if (type === "kubernetes:core/v1:Service" && inputs.spec?.type === "LoadBalancer") {
    return { status: { loadBalancer: { ingress: [{ hostname: MOCK_LOAD_BALANCER_HOSTNAME }] } } };
  }
  if (type === "pulumi-nodejs:dynamic/render:Service") {
    return { serviceId: "srv-mock0001", url: `https://${inputs.name}.onrender.com`, deployStatus: "live" };
  }
  if (type.startsWith("gcp:")) return computedByGoogle(type, inputs);
  if (!type.startsWith("aws:")) return {};
  const base = { arn: `arn:aws:mock:${MOCK_AWS.region}:${MOCK_AWS.accountId}:${name}`, name: inputs.name ?? name };
  switch (type) {
    case "aws:lb/loadBalancer:LoadBalancer":
      return { ...base, dnsName: `${name}.${MOCK_AWS.region}.elb.amazonaws.com`, zoneId: "Z0MOCKALB" };
    case "aws:acm/certificate:Certificate":
      return {
        ...base,
        domainValidationOptions: [
          {
            domainName: inputs.domainName,
            resourceRecordName: `_v.${String(inputs.domainName)}.`,
            resourceRecordType: "CNAME",
            resourceRecordValue: "_w.acm-validations.aws.",
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

/** What the mocked backend already holds. */
export interface TestMockOptions {
  /**
   * Outputs of deployed stacks by full name (`organization/skyport/<stack>`), as a StackReference
   * reads them. Default: no stack was ever deployed.
   */
  deployedStacks?: Record<string, Record<string, unknown>>;
}

/**
 * Mocks for tests: like a real deployment, every resource gets an id and echoes its inputs,
 * and what a cloud computes (addresses, ARNs, look-ups) is filled in. The inputs each
 * provider would receive are kept, so a test can check where a secret's value went.
 */
export function createTestMocks(options: TestMockOptions = {}): TestMocks {
  const providerInputs = new Map<string, Record<string, unknown>>();
  const invokes: string[] = [];
  const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => {
      const inputs = args.inputs as Record<string, unknown>;
      if (args.type === "pulumi:pulumi:StackReference") {
        const outputs = options.deployedStacks?.[String(inputs.name)] ?? {};
        return { id: args.name, state: { ...inputs, outputs, secretOutputNames: [] } };
      }
      providerInputs.set(`${args.type}::${args.name}`, unwrapSecrets(inputs) as Record<string, unknown>);
      return { id: `${args.name}-id`, state: { ...inputs, ...computed(args.type, args.name, inputs) } };
    },
    call: (args) => {
      invokes.push(args.token);
      return INVOKES[args.token]?.(args.inputs as Record<string, unknown>) ?? {};
    },
  };
  return { mocks, providerInputs, invokes };
}

/** The value a provider works with: secret wrappers removed, the secret values themselves kept. */
function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (record[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return unwrapSecrets(record.value);
  return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, unwrapSecrets(inner)]));
}
