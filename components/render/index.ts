import { definePlatform } from "../platform";
import { renderCrossChecks, renderSettingsSchema } from "./settings";

/** The `render` platform: a Render web service, through Render's API. */
export const render = definePlatform({
  name: "render",
  settingsSchema: renderSettingsSchema,
  crossChecks: renderCrossChecks,
  create: async (name, args, opts) => {
    const { RenderPlatform } = await import("./renderPlatform");
    return new RenderPlatform(name, args, opts);
  },
});
