import {
  type ContainerView,
  declaredExposure,
  isPlaceholder,
  type PolicyView,
  type ResourceProps,
} from "../contract/policyView";

/** A security group's ingress rule, as the AWS provider holds it. */
interface SecurityGroupRule {
  fromPort: number;
  toPort: number;
  cidrBlocks?: string[];
  ipv6CidrBlocks?: string[];
}

/**
 * The policy pack's reading of ECS resources: a task definition's containers, a scaling
 * target's floor, the load balancer's exposure and listeners, the domain's certificate and
 * record, the log group's retention and the security groups' rules.
 */
export const ecsPolicyView: PolicyView = {
  containers: {
    "aws:ecs/taskDefinition:TaskDefinition": (props) => {
      if (typeof props.containerDefinitions !== "string" || isPlaceholder(props.containerDefinitions)) return [];
      return (JSON.parse(props.containerDefinitions) as ResourceProps[]).map((container) => ({
        image: container.image,
        cpu: props.cpu,
        memory: props.memory,
        env: (container.environment ?? []) as ContainerView["env"],
      }));
    },
  },
  minimumInstances: {
    "aws:appautoscaling/target:Target": (props) => props.minCapacity as number | undefined,
  },
  exposure: {
    "aws:lb/loadBalancer:LoadBalancer": (props) => ({
      public: props.internal === false,
      declaredPublic: declaredExposure(props.tags),
    }),
  },
  domains: {
    "aws:acm/certificate:Certificate": (props) => [props.domainName].filter((name) => typeof name === "string"),
    "aws:route53/record:Record": (props) => [props.name].filter((name) => typeof name === "string"),
  },
  endpoints: {
    "aws:lb/listener:Listener": (props) =>
      props.protocol === "HTTPS"
        ? [{ protocol: "https", fix: "keep skyport:app.domain's HTTPS listener" }]
        : [
            {
              protocol: "http",
              redirectsToHttps: ((props.defaultActions ?? []) as Array<{ type?: string }>).every(
                (action) => action.type === "redirect",
              ),
              fix: "redirect HTTP to HTTPS",
            },
          ],
  },
  logRetention: {
    "aws:cloudwatch/logGroup:LogGroup": (props) => ({
      days: props.retentionInDays as number | undefined,
      setting: "skyport:ecs.logRetentionDays",
    }),
  },
  ingressRules: {
    "aws:ec2/securityGroup:SecurityGroup": (props) =>
      ((props.ingress ?? []) as SecurityGroupRule[]).map((rule) => ({
        fromPort: rule.fromPort,
        toPort: rule.toPort,
        sources: [...(rule.cidrBlocks ?? []), ...(rule.ipv6CidrBlocks ?? [])],
      })),
  },
};
