// A loopback Bedrock emulator: control plane, runtime (HTTP/1.1 and h2c on one port), STS, IMDSv2 and container credentials.
import http from "node:http";
import http2 from "node:http2";
import net from "node:net";
import { randomUUID } from "node:crypto";
import { authenticate, headerValue, type AuthResult, type Identity } from "./auth.ts";
import {
  chunkText,
  fixtureCatalog,
  getFoundationModel,
  getFoundationModelAvailability,
  getInferenceProfile,
  listFoundationModels,
  listInferenceProfiles,
  plannedReply,
  resolveInvocation,
  takesImages,
  takesVideo,
  type Catalog,
  type ConverseInput,
} from "./bedrock.ts";
import { AwsError, accessDenied, queryXmlError, restJsonError } from "./errors.ts";
import { assumeRoleXml, callerIdentityXml, classify, credentialsDocument, defaultStreamMessage, destroy, readBody, regionFromHost, sleep } from "./wire.ts";
import { eventFrame, exceptionFrame } from "./eventstream.ts";
import { invokeEmbedding, isEmbeddingModel, type EmbeddingCall } from "./embeddings.ts";
import { planTurnWithExtras, validateConverse, type ConverseRequestBody, type PlannedTurn } from "./converse.ts";
import { applyGuardrail, EMULATOR_GUARDRAIL, getGuardrail, resolveGuardrail, validateTierAndLatency, type EmulatorGuardrail } from "./guardrails.ts";
import {
  ASSUMED_ROLE,
  BEARER_IDENTITY,
  BEARER_TOKEN,
  CONTAINER_AUTH_TOKEN,
  CONTAINER_ROLE,
  EXPIRED_BEARER_TOKEN,
  INSTANCE_ROLE,
  INSTANCE_ROLE_NAME,
  WEB_IDENTITY_ROLE,
  defaultIdentities,
} from "./identities.ts";

export type Operation =
  | "ListFoundationModels"
  | "GetFoundationModel"
  | "ListInferenceProfiles"
  | "GetInferenceProfile"
  | "GetFoundationModelAvailability"
  | "GetGuardrail"
  | "Converse"
  | "ConverseStream"
  | "InvokeModel"
  | "GetCallerIdentity"
  | "AssumeRole"
  | "AssumeRoleWithWebIdentity"
  | "IMDS"
  | "ContainerCredentials"
  | "Unknown";

/** What a test can make an operation do, for its first `times` calls (all calls when unset). */
export interface Fault {
  /** Answer with this AWS error; AccessDeniedException gets the IAM action in its message, as AWS words it. */
  error?: string;
  status?: number;
  message?: string;
  times?: number;
  /** Wait before answering. */
  delayMs?: number;
  /** Never answer (until the client gives up or the emulator stops). */
  hang?: boolean;
  /** Drop the connection without an answer. */
  reset?: boolean;
  /** ConverseStream: an exception event after N text chunks. */
  streamException?: { afterChunks: number; type: string; message?: string };
  /** ConverseStream: cut the connection after N text chunks. */
  streamCut?: { afterChunks: number };
  /** ConverseStream: stop sending after N text chunks, the connection left open (until the client gives up). */
  streamStall?: { afterChunks: number };
}

export interface LoggedRequest {
  operation: Operation;
  method: string;
  path: string;
  httpVersion: string;
  /** The host the client addressed (HTTP/1.1 Host, HTTP/2 :authority), as a custom endpoint's requests carry it. */
  host?: string;
  authKind: AuthResult["kind"];
  accessKeyId?: string;
  region?: string;
  service?: string;
  modelId?: string;
  status: number;
  /** Converse/ConverseStream: the request body as received. */
  converse?: ConverseRequestBody;
  /** ConverseStream: the client closed the stream before the reply ended (an abort). */
  closedEarly?: boolean;
  /** ConverseStream: the reply the emulator planned and sent. */
  reply?: PlannedTurn;
  /** InvokeModel on an embedding model: what was embedded, for what, at which dimension. */
  embedding?: EmbeddingCall;
}

export interface EmulatorOptions {
  catalog?: Catalog;
  /** Per-region catalogs; a region not listed gets `catalog`. */
  regionCatalogs?: Record<string, Catalog>;
  identities?: Identity[];
  replyText?: string;
  chunkSize?: number;
  chunkDelayMs?: number;
  /** Foundation model ids whose access was never granted in the console. */
  deniedModels?: string[];
  imds?: { region?: string; roleName?: string; credentials?: Identity; requireToken?: boolean } | false;
  containerCredentials?: Identity;
  port?: number;
  /** ListInferenceProfiles returns at most this many per page, whatever maxResults asks. */
  profilesPageSize?: number;
  /** The account's guardrails (default: EMULATOR_GUARDRAIL, in every region). */
  guardrails?: EmulatorGuardrail[];
  /** Base model ids with a Reserved-tier reservation. */
  reservations?: string[];
}

export interface Emulator {
  url: string;
  port: number;
  requests: LoggedRequest[];
  options: EmulatorOptions;
  fault(operation: Operation, fault: Fault): void;
  clearFaults(): void;
  count(operation: Operation): number;
  /** The most InvokeModel requests the emulator held at once (bounded concurrency shows here). */
  peakInvokeInFlight(): number;
  stop(): Promise<void>;
}

const DEFAULT_REPLY = "Hello from the Bedrock emulator: the stream works end to end.";

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const catalog = options.catalog ?? fixtureCatalog();
  const identities = new Map((options.identities ?? defaultIdentities()).map((i) => [i.accessKeyId, i]));
  const bearerTokens = new Map([
    [BEARER_TOKEN, { identity: BEARER_IDENTITY }],
    [EXPIRED_BEARER_TOKEN, { identity: BEARER_IDENTITY, expired: true }],
  ]);
  const faults = new Map<Operation, Fault & { used: number }>();
  const requests: LoggedRequest[] = [];
  const sockets = new Set<net.Socket>();
  const imdsTokens = new Set<string>();
  /** Prompt-cache prefixes seen (ConverseStream): written once, read after. */
  const cachedPrefixes = new Set<string>();
  let invokeInFlight = 0;
  let invokePeak = 0;

  const catalogFor = (region: string | undefined) => (region && options.regionCatalogs?.[region]) || catalog;

  async function handle(req: http.IncomingMessage | http2.Http2ServerRequest, res: http.ServerResponse | http2.Http2ServerResponse): Promise<void> {
    const url = req.url ?? "/";
    const queryIndex = url.indexOf("?");
    const rawPath = queryIndex === -1 ? url : url.slice(0, queryIndex);
    const rawQuery = queryIndex === -1 ? "" : url.slice(queryIndex + 1);
    const body = await readBody(req);
    const method = req.method ?? "GET";
    const headers = req.headers as Record<string, string | string[] | undefined>;
    const operation = classify(method, rawPath, body);
    const entry: LoggedRequest = { operation, method, path: rawPath, httpVersion: req.httpVersion, host: headerValue(headers, ":authority") ?? headerValue(headers, "host"), authKind: "none", status: 0 };
    const modelMatch = /^\/(?:model|foundation-models|foundation-model-availability)\/([^/]+)/.exec(rawPath);
    if (modelMatch) entry.modelId = decodeURIComponent(modelMatch[1]!);
    requests.push(entry);
    if (operation === "InvokeModel") {
      invokePeak = Math.max(invokePeak, ++invokeInFlight);
      res.once("close", () => invokeInFlight--);
    }

    const send = (status: number, responseHeaders: Record<string, string>, payload: string) => {
      entry.status = status;
      res.writeHead(status, { "x-amzn-requestid": randomUUID(), "content-length": String(Buffer.byteLength(payload)), ...responseHeaders });
      res.end(payload);
    };
    const isQuery = operation === "GetCallerIdentity" || operation === "AssumeRole" || operation === "AssumeRoleWithWebIdentity";
    const sendError = (error: AwsError) => {
      const shaped = isQuery ? queryXmlError(error) : restJsonError(error);
      send(shaped.status, shaped.headers, shaped.body);
    };

    try {
      if (operation === "IMDS") return await answerImds(req, res, rawPath, method, entry);
      if (operation === "ContainerCredentials") {
        const fault = takeFault("ContainerCredentials");
        if (fault && (await applyTransportFault(fault, res))) return;
        if (!options.containerCredentials && !CONTAINER_ROLE) return send(404, {}, "");
        if (headerValue(headers, "authorization") !== CONTAINER_AUTH_TOKEN) return send(401, { "content-type": "application/json" }, JSON.stringify({ message: "unauthorized" }));
        return send(200, { "content-type": "application/json" }, JSON.stringify(credentialsDocument(options.containerCredentials ?? CONTAINER_ROLE)));
      }
      if (operation === "AssumeRoleWithWebIdentity") {
        return send(200, { "content-type": "text/xml" }, assumeRoleXml("AssumeRoleWithWebIdentity", WEB_IDENTITY_ROLE));
      }
      const auth = await authenticate({ method, rawPath, rawQuery, headers, body }, identities, bearerTokens);
      entry.authKind = auth.kind;
      entry.accessKeyId = auth.accessKeyId;
      entry.region = auth.region ?? regionFromHost(headers);
      entry.service = auth.service;
      const fault = takeFault(operation);
      if (fault && (await applyTransportFault(fault, res))) return;
      if (fault?.error) throw faultError(fault, operation, auth, entry);
      const regionCatalog = catalogFor(entry.region);
      const query = new URLSearchParams(rawQuery);
      const json = (value: unknown) => send(200, { "content-type": "application/json" }, JSON.stringify(value));
      switch (operation) {
        case "ListFoundationModels":
          return json(listFoundationModels(regionCatalog, query));
        case "GetFoundationModel":
          return json(getFoundationModel(regionCatalog, entry.modelId!));
        case "GetFoundationModelAvailability":
          return json(getFoundationModelAvailability(regionCatalog, entry.modelId!, new Set(options.deniedModels)));
        case "ListInferenceProfiles":
          return json(listInferenceProfiles(regionCatalog, query, options.profilesPageSize));
        case "GetInferenceProfile":
          return json(getInferenceProfile(regionCatalog, decodeURIComponent(rawPath.split("/")[2] ?? "")));
        case "GetGuardrail":
          return json(getGuardrail(options.guardrails ?? [EMULATOR_GUARDRAIL], decodeURIComponent(rawPath.split("/")[2] ?? ""), query.get("guardrailVersion"), entry.region ?? "us-east-1", auth.identity?.account ?? ""));
        case "GetCallerIdentity":
          return send(200, { "content-type": "text/xml" }, callerIdentityXml(auth.identity!));
        case "AssumeRole":
          return send(200, { "content-type": "text/xml" }, assumeRoleXml("AssumeRole", ASSUMED_ROLE));
        case "Converse":
        case "ConverseStream": {
          const { baseModelId } = resolveInvocation(regionCatalog, entry.modelId!, new Set(options.deniedModels));
          const input = JSON.parse(body.toString("utf8") || "{}") as ConverseInput & ConverseRequestBody;
          entry.converse = input;
          validateConverse(entry.modelId!, baseModelId, input, takesImages(regionCatalog, baseModelId), takesVideo(regionCatalog, baseModelId));
          const { guardrailConfig } = input;
          const guardrail = guardrailConfig ? resolveGuardrail(guardrailConfig, options.guardrails ?? [EMULATOR_GUARDRAIL], entry.region ?? "us-east-1", auth.identity?.account ?? "") : undefined;
          validateTierAndLatency(baseModelId, input, options.reservations ?? []);
          const reply = plannedReply(input, options.replyText ?? DEFAULT_REPLY);
          if (operation === "Converse") {
            return json({
              output: { message: { role: "assistant", content: [{ text: reply.text }] } },
              stopReason: reply.stopReason,
              usage: { inputTokens: reply.inputTokens, outputTokens: reply.outputTokens, totalTokens: reply.inputTokens + reply.outputTokens },
              metrics: { latencyMs: 42 },
            });
          }
          entry.reply = planTurnWithExtras(input, options.replyText ?? DEFAULT_REPLY, cachedPrefixes, baseModelId);
          let trace: unknown;
          if (guardrail) {
            const userText = (input.messages ?? []).filter((m) => m.role === "user").flatMap((m) => (m.content ?? []).map((b) => b.text ?? "")).join("\n");
            ({ turn: entry.reply, trace } = applyGuardrail(guardrail, guardrailConfig!, userText, entry.reply));
          }
          return await streamReply(res, entry.reply, fault, entry, trace);
        }
        case "InvokeModel": {
          if (!isEmbeddingModel(entry.modelId!)) throw new AwsError(400, "ValidationException", "The provided model identifier is invalid.");
          if (options.deniedModels?.includes(entry.modelId!)) throw new AwsError(403, "AccessDeniedException", "You don't have access to the model with the specified model ID.");
          const { response, call } = invokeEmbedding(entry.modelId!, body.toString("utf8"));
          entry.embedding = call;
          return json(response);
        }
        default:
          throw new AwsError(404, "UnknownOperationException", `The emulator does not serve ${method} ${rawPath}`);
      }
    } catch (error) {
      if (error instanceof AwsError) return sendError(error);
      return sendError(new AwsError(500, "InternalServerException", `emulator failure: ${(error as Error).message}`));
    }
  }

  function takeFault(operation: Operation): Fault | undefined {
    const fault = faults.get(operation);
    if (!fault) return undefined;
    if (fault.times !== undefined && fault.used >= fault.times) return undefined;
    fault.used++;
    return fault;
  }

  /** Delays, hangs and resets happen before any answer; returns true when nothing more is to be sent. */
  async function applyTransportFault(fault: Fault, res: http.ServerResponse | http2.Http2ServerResponse): Promise<boolean> {
    if (fault.delayMs) await sleep(fault.delayMs);
    if (fault.hang) return true;
    if (fault.reset) {
      destroy(res);
      return true;
    }
    return false;
  }

  function faultError(fault: Fault, operation: Operation, auth: AuthResult, entry: LoggedRequest): AwsError {
    const type = fault.error!;
    if (type === "AccessDeniedException" && !fault.message) {
      const resource = entry.modelId ? `arn:aws:bedrock:${entry.region ?? "us-east-1"}::foundation-model/${entry.modelId}` : undefined;
      return accessDenied(operation, auth.identity?.arn ?? "unknown", resource);
    }
    const defaults: Record<string, [number, string]> = {
      ThrottlingException: [429, "Too many requests, please wait before trying again."],
      ServiceUnavailableException: [503, "Bedrock is unable to process your request."],
      InternalServerException: [500, "The server encountered an internal error while processing the request."],
      ModelNotReadyException: [429, "Model is not ready to serve inference requests."],
      ValidationException: [400, "The provided model identifier is invalid."],
    };
    const [status, message] = defaults[type] ?? [400, type];
    return new AwsError(fault.status ?? status, type, fault.message ?? message);
  }

  async function streamReply(res: http.ServerResponse | http2.Http2ServerResponse, turn: PlannedTurn, fault: Fault | undefined, entry: LoggedRequest, trace?: unknown): Promise<void> {
    entry.status = 200;
    let finished = false;
    let wakeOnClose: () => void = () => {};
    const closed = new Promise<void>((resolve) => (wakeOnClose = resolve));
    res.on("close", () => {
      if (!finished) entry.closedEarly = true;
      wakeOnClose();
    });
    res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream", "x-amzn-requestid": randomUUID() });
    const write = (frame: Uint8Array) => (res as http.ServerResponse).write(Buffer.from(frame));
    const delayMs = turn.chunkDelayMs ?? options.chunkDelayMs;
    write(eventFrame("messageStart", { role: "assistant" }));
    let sent = 0; // text chunks so far, where faults strike
    for (const [index, block] of turn.blocks.entries()) {
      if (block.kind === "reasoning") {
        for (const chunk of chunkText(block.text, options.chunkSize ?? 12)) write(eventFrame("contentBlockDelta", { contentBlockIndex: index, delta: { reasoningContent: { text: chunk } } }));
        write(eventFrame("contentBlockDelta", { contentBlockIndex: index, delta: { reasoningContent: { signature: block.signature } } }));
      } else if (block.kind === "redacted") {
        write(eventFrame("contentBlockDelta", { contentBlockIndex: index, delta: { reasoningContent: { redactedContent: block.data } } }));
      } else if (block.kind === "toolUse") {
        write(eventFrame("contentBlockStart", { contentBlockIndex: index, start: { toolUse: { toolUseId: block.toolUseId, name: block.name } } }));
        const third = Math.ceil(block.inputJson.length / 3);
        for (let at = 0; at < block.inputJson.length; at += third) {
          write(eventFrame("contentBlockDelta", { contentBlockIndex: index, delta: { toolUse: { input: block.inputJson.slice(at, at + third) } } }));
        }
      } else {
        for (const chunk of chunkText(block.text, options.chunkSize ?? 12)) {
          if (entry.closedEarly) return;
          if (fault?.streamException && sent === fault.streamException.afterChunks) {
            write(exceptionFrame(fault.streamException.type, fault.streamException.message ?? defaultStreamMessage(fault.streamException.type)));
            finished = true;
            res.end();
            return;
          }
          if (fault?.streamStall && sent === fault.streamStall.afterChunks) {
            await new Promise<void>((resolve) => res.on("close", () => resolve()));
            return;
          }
          if (fault?.streamCut && sent === fault.streamCut.afterChunks) {
            await sleep(10);
            finished = true;
            destroy(res);
            return;
          }
          write(eventFrame("contentBlockDelta", { contentBlockIndex: index, delta: { text: chunk } }));
          sent++;
          if (delayMs) await Promise.race([sleep(delayMs, { unref: true }), closed]); // a closed stream waits no longer
        }
      }
      write(eventFrame("contentBlockStop", { contentBlockIndex: index }));
    }
    write(eventFrame("messageStop", { stopReason: turn.stopReason, ...(turn.stopFields ? { additionalModelResponseFields: turn.stopFields } : {}) }));
    write(
      eventFrame("metadata", {
        usage: {
          inputTokens: turn.inputTokens,
          outputTokens: turn.outputTokens,
          totalTokens: turn.inputTokens + turn.outputTokens + (turn.cacheReadInputTokens ?? 0) + (turn.cacheWriteInputTokens ?? 0),
          ...(turn.cacheReadInputTokens !== undefined ? { cacheReadInputTokens: turn.cacheReadInputTokens } : {}),
          ...(turn.cacheWriteInputTokens !== undefined ? { cacheWriteInputTokens: turn.cacheWriteInputTokens } : {}),
          ...(turn.cacheWrite1h ? { cacheDetails: [{ ttl: "1h", inputTokens: turn.cacheWrite1h }] } : {}),
        },
        metrics: { latencyMs: 40 + sent * (delayMs ?? 0) },
        ...(trace ? { trace } : {}),
        // The service says which tier and latency served the request.
        ...pick(entry.converse),
      }),
    );
    finished = true;
    res.end();
  }

  function pick(body: { serviceTier?: unknown; performanceConfig?: unknown } | undefined) {
    return { ...(body?.serviceTier ? { serviceTier: body.serviceTier } : {}), ...(body?.performanceConfig ? { performanceConfig: body.performanceConfig } : {}) };
  }

  async function answerImds(req: http.IncomingMessage | http2.Http2ServerRequest, res: http.ServerResponse | http2.Http2ServerResponse, rawPath: string, method: string, entry: LoggedRequest): Promise<void> {
    const send = (status: number, payload: string, type = "text/plain") => {
      entry.status = status;
      res.writeHead(status, { "content-type": type, "content-length": String(Buffer.byteLength(payload)) });
      res.end(payload);
    };
    const fault = takeFault("IMDS");
    if (fault && (await applyTransportFault(fault, res))) return;
    const imds = options.imds;
    if (imds === false || imds === undefined) return send(404, "Not Found");
    const headers = req.headers as Record<string, string | string[] | undefined>;
    if (rawPath === "/latest/api/token") {
      if (method !== "PUT") return send(405, "Method Not Allowed");
      const token = randomUUID();
      imdsTokens.add(token);
      return send(200, token);
    }
    const token = headerValue(headers, "x-aws-ec2-metadata-token");
    if (imds.requireToken !== false && (!token || !imdsTokens.has(token))) return send(401, "Unauthorized");
    const role = imds.roleName ?? INSTANCE_ROLE_NAME;
    const region = imds.region ?? "us-east-1";
    if (rawPath === "/latest/meta-data/iam/security-credentials/" || rawPath === "/latest/meta-data/iam/security-credentials") return send(200, role);
    if (rawPath === `/latest/meta-data/iam/security-credentials/${role}`) {
      return send(200, JSON.stringify({ Code: "Success", LastUpdated: new Date().toISOString(), Type: "AWS-HMAC", ...credentialsDocument(imds.credentials ?? INSTANCE_ROLE) }), "application/json");
    }
    if (rawPath === "/latest/meta-data/placement/region") return send(200, region);
    if (rawPath === "/latest/dynamic/instance-identity/document") {
      return send(200, JSON.stringify({ region, accountId: (imds.credentials ?? INSTANCE_ROLE).account, instanceId: "i-0123456789abcdef0" }), "application/json");
    }
    return send(404, "Not Found");
  }

  // HTTP/1.1 and HTTP/2 with prior knowledge (h2c) share one port: the first bytes tell which.
  const h1 = http.createServer((req, res) => void handle(req, res));
  const h2 = http2.createServer({}, (req, res) => void handle(req, res));
  h1.keepAliveTimeout = 5_000;
  const server = net.createServer((socket) => {
    // Event-stream frames are small writes: without this, Nagle's algorithm holds them back (≈40 ms).
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.once("data", (first) => {
      socket.pause();
      socket.unshift(first);
      // The HTTP/2 session reads what is already buffered itself; the HTTP/1 parser needs the stream flowing again.
      if (first.subarray(0, 3).toString("latin1") === "PRI") h2.emit("connection", socket);
      else {
        h1.emit("connection", socket);
        socket.resume();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    options,
    fault(operation, fault) {
      faults.set(operation, { ...fault, used: 0 });
    },
    clearFaults() {
      faults.clear();
      invokePeak = invokeInFlight;
    },
    count(operation) {
      return requests.filter((r) => r.operation === operation).length;
    },
    peakInvokeInFlight: () => invokePeak,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      h2.close();
      h1.close();
    },
  };
}
