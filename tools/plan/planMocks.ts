import type * as pulumi from "@pulumi/pulumi";

/**
 * Mocks for an offline plan: every resource echoes its inputs as its state, so whatever a
 * cloud would compute stays unknown, as in a real preview; invokes answer nothing.
 */
export const planMocks: pulumi.runtime.Mocks = {
  newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs as Record<string, unknown> }),
  call: () => ({}),
};
