// The floor for `models list --refresh`: a minimal script that makes one SDK ListFoundationModels call.
import { BedrockClient, ListFoundationModelsCommand } from "@aws-sdk/client-bedrock";

const client = new BedrockClient({ region: process.env.AWS_REGION });
const out = await client.send(new ListFoundationModelsCommand({}));
process.stdout.write(`${out.modelSummaries.length}\n`);
