import type { PlatformMocks } from "../../support/platformMocks";
import { cloudRunMocks } from "./cloudrunMocks";
import { ecsMocks } from "./ecsMocks";
import { kubernetesMocks } from "./kubernetesMocks";
import { renderMocks } from "./renderMocks";

/** Every built platform's mocked cloud, by `skyport:platform`; a new platform adds its own beside its adapter. */
export const PLATFORM_MOCKS: Readonly<Record<string, PlatformMocks>> = {
  cloudrun: cloudRunMocks,
  ecs: ecsMocks,
  kubernetes: kubernetesMocks,
  render: renderMocks,
};
