// GetInferenceProfile: the model an application inference profile routes to. Loads the SDK.
import { BedrockClient, GetInferenceProfileCommand } from "@aws-sdk/client-bedrock";
import { clientConfig, http1Handler, withDeadline, type ClientContext } from "../aws/client-config.js";
import { modelIdFromArn } from "./model-id.js";

export async function fetchProfileBase(ctx: ClientContext, profileArn: string): Promise<string | undefined> {
  const client = new BedrockClient({ requestHandler: http1Handler(ctx), maxAttempts: 2, ...clientConfig(ctx) });
  try {
    const out = await withDeadline(ctx.timeoutMs, (abortSignal) => client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: profileArn }), { abortSignal }));
    const arn = out.models?.[0]?.modelArn;
    return arn ? modelIdFromArn(arn) : undefined;
  } finally {
    client.destroy();
  }
}
