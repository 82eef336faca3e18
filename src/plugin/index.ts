// The OpenClaw face: register(api) declares the `bedrock` CLI root and the amazon-bedrock provider. Nothing is
// computed here; the catalog and the commands are imported when the host first calls them.
import type { OpenClawPluginApi, ProviderCatalogContext, ProviderDynamicModelContext } from "./host-types.js";
import { resolveDynamicModel } from "./dynamic-model.js";
import { PLUGIN_ID, PROVIDER_ID } from "./ids.js";

const plugin = {
  id: PLUGIN_ID,
  name: "Amazon Bedrock",
  description: "Amazon Bedrock models through the Converse API, with the AWS SDK credential chain",
  register(api: OpenClawPluginApi): void {
    api.registerCli(async ({ program }) => (await import("./cli.js")).registerBedrockCli(program), {
      descriptors: [{ name: "bedrock", description: "Amazon Bedrock: bedrock doctor, bedrock models", hasSubcommands: true }],
    });
    if (api.registrationMode === "cli-metadata") return;
    api.registerProvider({
      id: PROVIDER_ID,
      label: "Amazon Bedrock",
      docsPath: "/providers/bedrock",
      envVars: ["AWS_BEARER_TOKEN_BEDROCK", "AWS_ACCESS_KEY_ID", "AWS_PROFILE"],
      auth: [],
      catalog: {
        order: "simple",
        run: async (ctx: ProviderCatalogContext) => (await import("./catalog.js")).runCatalog(ctx),
      },
      // Synchronous in the host: a table lookup (and the discovery cache for application profiles), no SDK.
      resolveDynamicModel: (ctx: ProviderDynamicModelContext) => resolveDynamicModel(ctx),
    });
  },
};

export default plugin;

