import type { PlanPlaceholders } from "../contract/platform";

/** What AWS assigns or looks up, as the offline plan shows it. */
export const ecsPlanPlaceholders: PlanPlaceholders = {
  lookups: {
    "aws:ec2/getVpc:getVpc": (inputs) =>
      inputs.id
        ? { id: inputs.id, cidrBlock: "[the VPC's CIDR block]" }
        : { id: "[the account's default VPC]", cidrBlock: "[the default VPC's CIDR block]" },
    "aws:ec2/getSubnets:getSubnets": () => ({ ids: ["[the default VPC's subnets]"] }),
    "aws:index/getRegion:getRegion": () => ({ region: "[aws:region]", name: "[aws:region]" }),
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({ accountId: "[the AWS account]" }),
    "aws:route53/getZone:getZone": (inputs) => ({ zoneId: `[the Route 53 zone ${String(inputs.name)}]` }),
  },
  assigned: (type, name, inputs) => {
    if (!type.startsWith("aws:")) return undefined;
    const base = { arn: `[arn of ${name}]`, name: inputs.name ?? inputs.namePrefix ?? `[name of ${name}]` };
    switch (type) {
      case "aws:lb/loadBalancer:LoadBalancer":
        return {
          ...base,
          arnSuffix: `[arn suffix of ${name}]`,
          dnsName: `[dns name of ${name}]`,
          zoneId: `[zone of ${name}]`,
        };
      case "aws:lb/targetGroup:TargetGroup":
        return { ...base, arnSuffix: `[arn suffix of ${name}]` };
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
  },
};
