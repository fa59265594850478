import { renderServiceProvider } from "../../../components/render/renderServiceProvider";
import { RENDER_SERVICE_TYPE } from "../../../components/render/serviceState";

/** A RenderService's URN, as the engine sends it to the provider plugin. */
export const SERVICE_URN = `urn:pulumi:staging::skyport::skyport:platform:Render$${RENDER_SERVICE_TYPE}::shop-api-service`;

/** What the provider logged, each message with the URN it was about, in order. */
export const providerLogs: Array<{ urn: string; message: string }> = [];

/** The provider as the plugin serves it, logging to providerLogs. */
export const pluginProvider = renderServiceProvider((urn) => (message) => providerLogs.push({ urn, message }));

/** The provider's calls for the one service URN, as the engine makes them. */
export const serviceProvider = {
  create: (inputs: any) => pluginProvider.create(SERVICE_URN, inputs) as Promise<{ id: string; outs: any }>,
  read: (id: string, props: any) =>
    pluginProvider.read(id, SERVICE_URN, props) as Promise<{ id?: string; props?: any }>,
  diff: (id: string, olds: any, news: any) => pluginProvider.diff(id, SERVICE_URN, olds, news),
  update: (id: string, olds: any, news: any) =>
    pluginProvider.update(id, SERVICE_URN, olds, news) as Promise<{ outs: any }>,
  delete: (id: string, props: any) => pluginProvider.delete(id, SERVICE_URN, props),
};
