// The skyport-render provider plugin: the engine starts it through pulumi-resource-skyport-render
// beside this file, with the engine's address as the last argument, and it serves the
// RenderService over Pulumi's provider protocol.
import { main } from "@pulumi/pulumi/provider";
import { renderServiceProvider } from "../renderServiceProvider";
import { engineLog } from "./engineLog";

const args = process.argv.slice(2);
void main(renderServiceProvider(engineLog(args[args.length - 1])), args);
