import * as grpc from "@grpc/grpc-js";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { LogRequest, LogSeverity } from "@pulumi/pulumi/proto/engine_pb";
import type { RenderLog } from "../api/renderClient";

/**
 * A log for each resource, through the engine's Log call: the CLI shows each message beside the
 * resource it names, as it shows the program's own. Plugin stderr reaches only verbose logs.
 * A message the engine does not take goes to stderr instead.
 */
export function engineLog(engineAddress: string): (urn: string) => RenderLog {
  const engine = new EngineClient(engineAddress, grpc.credentials.createInsecure());
  return (urn) => (message) => {
    const request = new LogRequest();
    request.setSeverity(LogSeverity.INFO);
    request.setMessage(message);
    request.setUrn(urn);
    engine.log(request, (err) => {
      if (err) process.stderr.write(`${message}\n`);
    });
  };
}
