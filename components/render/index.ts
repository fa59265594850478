import { definePlatform } from "../platform";
import { checkRender, renderSettingsSchema } from "./settings";

/** The `render` platform: a Render web service, through Render's API. */
export const render = definePlatform({
  name: "render",
  settingsSchema: renderSettingsSchema,
  crossCheck: checkRender,
  create: async (name, args, opts) => {
    const { RenderPlatform } = await import("./renderPlatform");
    return new RenderPlatform(name, args, opts);
  },
});
