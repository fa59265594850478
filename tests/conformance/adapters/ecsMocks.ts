import { ecsPlanPlaceholders } from "../../../components/ecs/planPlaceholders";
import type { PlatformMocks } from "../../support/platformMocks";

/** The mocked AWS account and region. */
export const MOCK_AWS = { accountId: "123456789012", region: "eu-west-1" } as const;

/** The default VPC and subnets the mocked AWS account has. */
export const MOCK_DEFAULT_VPC = {
  id: "vpc-0a1b2c3d4e5f60718",
  cidrBlock: "172.31.0.0/16",
  subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"],
};

/** A mocked ARN ends with the resource's name, so a test can tell whose it is. */
export function mockArn(name: string): string {
  return `arn:aws:mock:${MOCK_AWS.region}:${MOCK_AWS.accountId}:${name}`;
}

/** AWS as the tests mock it: the ECS plan's placeholders, with an account, a region and a default VPC. */
export const ecsMocks: PlatformMocks = {
  placeholders: ecsPlanPlaceholders,
  lookups: {
    "aws:ec2/getVpc:getVpc": (inputs) => ({
      id: inputs.id ?? MOCK_DEFAULT_VPC.id,
      cidrBlock: MOCK_DEFAULT_VPC.cidrBlock,
    }),
    "aws:ec2/getSubnets:getSubnets": () => ({ ids: MOCK_DEFAULT_VPC.subnetIds }),
    "aws:index/getRegion:getRegion": () => ({ region: MOCK_AWS.region, name: MOCK_AWS.region }),
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({ accountId: MOCK_AWS.accountId }),
    "aws:route53/getZone:getZone": (inputs) => ({ zoneId: "Z0MOCKZONE", name: inputs.name }),
  },
  realize: (attribute, type, name, inputs) => {
    switch (attribute) {
      case "arn":
        return mockArn(name);
      case "arnSuffix":
        return type === "aws:lb/targetGroup:TargetGroup"
          ? `targetgroup/${name}/0123456789abcdef`
          : `app/${name}/0123456789abcdef`;
      case "name":
        return inputs.name ?? name;
      case "dnsName":
        return `${name}.${MOCK_AWS.region}.elb.amazonaws.com`;
      case "zoneId":
        return "Z0MOCKALB";
      case "domainValidationOptions":
        return [
          {
            domainName: inputs.domainName,
            resourceRecordName: `_v.${String(inputs.domainName)}.`,
            resourceRecordType: "CNAME",
            resourceRecordValue: "_w.acm-validations.aws.",
          },
        ];
      default:
        return undefined;
    }
  },
};
