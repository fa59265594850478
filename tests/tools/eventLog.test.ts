import assert from "node:assert/strict";
import { withoutDebugEvents } from "../../tools/lib/pulumi/eventLog";

/**
 * Lines as the engine writes them: a debug diagnostic of @pulumi/pulumi printing a
 * RegisterResource response with a Secret's data in it (taken from an engine-tier run against
 * the Kubernetes provider, the value changed), a warning, and the summary.
 */
const DEBUG_LINE =
  '{"sequence":50,"timestamp":1796171727,"diagnosticEvent":{"prefix":"debug: ","message":"RegisterResource RPC finished: resource:shop-api-env[kubernetes:core/v1:Secret]; err: null, resp: urn:pulumi:example-kubernetes::skyport::skyport:platform:Kubernetes$kubernetes:core/v1:Secret::shop-api-env,data,,,,,4dabf18193072939515e22adb298388d,,,1b47061264138c4ac30d75fd1eb44270,value,,,,,API_TOKEN,,,c2VjcmV0LXZhbHVl\\n","color":"never","severity":"debug"}}';
const WARNING_LINE =
  '{"sequence":51,"timestamp":1796171727,"diagnosticEvent":{"prefix":"warning: ","message":"a warning\\n","color":"never","severity":"warning"}}';
const SUMMARY_LINE =
  '{"sequence":76,"timestamp":1796171798,"summaryEvent":{"maybeCorrupt":false,"durationSeconds":3,"resourceChanges":{"same":6},"isPreview":true,"result":"succeeded"}}';

describe("the event log the pipeline keeps", () => {
  it("drops the SDK's debug diagnostics, which print secret values, and keeps every other event", () => {
    const kept = withoutDebugEvents([DEBUG_LINE, WARNING_LINE, "", SUMMARY_LINE, ""].join("\n"));
    assert.equal(kept, `${WARNING_LINE}\n${SUMMARY_LINE}\n`);
    assert.doesNotMatch(kept, /c2VjcmV0LXZhbHVl/);
  });

  it("keeps a line it cannot read (a log cut short) rather than lose it", () => {
    assert.equal(
      withoutDebugEvents('{"sequence":1,"diagnosticEvent":{"sev'),
      '{"sequence":1,"diagnosticEvent":{"sev\n',
    );
  });
});
