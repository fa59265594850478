import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EcsSettings } from "./settings";

/** The zone a domain's records go in: the one given, or the zone named after the domain's parent. */
function hostedZoneId(domain: string, settings: EcsSettings, parent: pulumi.Resource): pulumi.Output<string> {
  if (settings.hostedZoneId) return pulumi.output(settings.hostedZoneId);
  const labels = domain.split(".");
  const zoneName = labels.length > 2 ? labels.slice(1).join(".") : domain;
  return aws.route53.getZoneOutput({ name: zoneName, privateZone: false }, { parent }).zoneId;
}

/**
 * The domain's certificate: the ARN given, or an ACM certificate validated by DNS in Route 53.
 * When skyport manages the zone, it also points the domain at the load balancer.
 */
export function domainCertificate(
  name: string,
  domain: string,
  settings: EcsSettings,
  loadBalancer: aws.lb.LoadBalancer,
  parent: pulumi.Resource,
): pulumi.Output<string> {
  if (settings.certificateArn && !settings.hostedZoneId) return pulumi.output(settings.certificateArn);
  const zoneId = hostedZoneId(domain, settings, parent);
  new aws.route53.Record(
    `${name}-dns`,
    {
      zoneId,
      name: domain,
      type: "A",
      aliases: [{ name: loadBalancer.dnsName, zoneId: loadBalancer.zoneId, evaluateTargetHealth: true }],
    },
    { parent },
  );
  if (settings.certificateArn) return pulumi.output(settings.certificateArn);

  const certificate = new aws.acm.Certificate(
    `${name}-cert`,
    { domainName: domain, validationMethod: "DNS" },
    { parent },
  );
  const option = certificate.domainValidationOptions[0];
  const validationRecord = new aws.route53.Record(
    `${name}-cert-validation`,
    {
      zoneId,
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      records: [option.resourceRecordValue],
      ttl: 60,
      allowOverwrite: true,
    },
    { parent },
  );
  return new aws.acm.CertificateValidation(
    `${name}-cert-validated`,
    { certificateArn: certificate.arn, validationRecordFqdns: [validationRecord.fqdn] },
    { parent },
  ).certificateArn;
}
