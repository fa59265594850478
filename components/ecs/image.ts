import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { imageAt, type ImageRef } from "../contract/imageRef";
import { type EcsSettings, PULL_THROUGH_UPSTREAMS } from "./settings";

/**
 * The image as the tasks pull it: the reference given, or (with a pull-through cache) the same
 * digest under this account's ECR, behind a cache rule for the image's registry.
 */
export function taskImage(
  name: string,
  image: ImageRef,
  settings: EcsSettings,
  parent: pulumi.Resource,
): pulumi.Output<string> {
  if (!settings.pullThroughCache) return pulumi.output(image.ref);
  const cache = settings.pullThroughCache;
  new aws.ecr.PullThroughCacheRule(
    `${name}-pull-through`,
    {
      ecrRepositoryPrefix: cache.ecrRepositoryPrefix,
      upstreamRegistryUrl: PULL_THROUGH_UPSTREAMS[image.registry],
      credentialArn: cache.credentialArn,
    },
    { parent },
  );
  const account = aws.getCallerIdentityOutput({}, { parent }).accountId;
  const region = aws.getRegionOutput({}, { parent }).region;
  return pulumi.interpolate`${account}.dkr.ecr.${region}.amazonaws.com/${cache.ecrRepositoryPrefix}`.apply((path) =>
    imageAt(path, image),
  );
}
