import type { OpenRouterClient } from "../src/index.js";

// Typed calls for the Prism contract suite: every operation of the spec but the deprecated
// createCoinbaseCharge (it only answers 410). Each `pick` reads a field through the client's
// result type, so a wrong type would fail the type check, and Prism's answer must carry it.

type Result = Promise<{ data?: unknown; error?: unknown; response: Response }>;

export interface PrismCall {
  operationId: string;
  send: (client: OpenRouterClient<false>) => Result;
}

const WS = "6b2f4c1e-8a3d-4f7b-9e52-1c0d7a9b3e84";
const GUARDRAIL = "2c7e9a4b-1d3f-4e8a-9b6c-0f5d2e8a7c41";
const BYOK = "8f3a6c9e-2d5b-4f1a-b7c3-9e0d4a6f2b18";
const DEST = "0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e";
const MAPPING = "1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b";
const HASH = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
const GEN = "gen-1755846123-Rk4QmV9xTz2LpW7sNa3b";
const USERS = ["user_2zRk5NpQ9wXs3TmJ7eGhYuV"];
const chatMessages = [{ role: "user" as const, content: "Which planet has the shortest year?" }];

/** Sends, then reads one typed field so the result type is exercised. */
async function typed<R extends { data?: unknown; response: Response }>(
  result: Promise<R>,
  pick: (data: NonNullable<R["data"]>) => unknown,
): Promise<R & { picked: unknown }> {
  const r = await result;
  return {
    ...r,
    picked: r.data === undefined ? undefined : pick(r.data as NonNullable<R["data"]>),
  };
}

export const PRISM_CALLS: PrismCall[] = [
  // Analytics
  {
    operationId: "getUserActivity",
    send: (c) => typed(c.GET("/activity"), (d) => d.data[0]?.model),
  },
  {
    operationId: "getAnalyticsMeta",
    send: (c) => typed(c.GET("/analytics/meta"), (d) => d.data.metrics),
  },
  {
    operationId: "queryAnalytics",
    send: (c) =>
      typed(
        c.POST("/analytics/query", {
          body: {
            metrics: ["total_cost", "requests"],
            dimensions: ["model"],
            granularity: "day",
            time_range: { start: "2026-08-14T00:00:00Z", end: "2026-08-21T00:00:00Z" },
          },
        }),
        (d) => d.data.metadata,
      ),
  },
  // TTS, STT
  {
    operationId: "createAudioSpeech",
    send: (c) =>
      c.POST("/audio/speech", {
        body: {
          model: "openai/gpt-4o-mini-tts",
          input: "Hello there.",
          voice: "alloy",
          response_format: "mp3",
        },
        parseAs: "arrayBuffer",
      }),
  },
  {
    operationId: "createAudioTranscriptions",
    send: (c) =>
      typed(
        c.POST("/audio/transcriptions", {
          body: {
            model: "openai/whisper-1",
            input_audio: {
              data: "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQAAAAA=",
              format: "wav",
            },
            language: "en",
          },
        }),
        (d) => d.text,
      ),
  },
  // OAuth
  {
    operationId: "exchangeAuthCodeForAPIKey",
    send: (c) =>
      typed(
        c.POST("/auth/keys", {
          body: {
            code: "auth_7Hq2mX9pLw4Rz",
            code_verifier: "v".repeat(43),
            code_challenge_method: "S256",
          },
        }),
        (d) => typeof d.key,
      ),
  },
  {
    operationId: "createAuthKeysCode",
    send: (c) =>
      typed(
        c.POST("/auth/keys/code", {
          body: {
            callback_url: "https://tools.example.dev/oauth/return",
            code_challenge: "Xr4pT9qLm2Zk7Wn1Bv8Cy3Ds6Fh0Jg5",
            code_challenge_method: "S256",
          },
        }),
        (d) => d.data.id,
      ),
  },
  // Benchmarks, Classifications, Credits
  {
    operationId: "getBenchmarks",
    send: (c) => typed(c.GET("/benchmarks"), (d) => d.data[0]?.model_permaslug),
  },
  {
    operationId: "getTaskClassifications",
    send: (c) => typed(c.GET("/classifications/task"), (d) => d.data.as_of),
  },
  { operationId: "getCredits", send: (c) => typed(c.GET("/credits"), (d) => d.data.total_credits) },
  // BYOK
  { operationId: "listBYOKKeys", send: (c) => typed(c.GET("/byok"), (d) => d.data[0]?.id) },
  {
    operationId: "createBYOKKey",
    send: (c) =>
      typed(
        c.POST("/byok", {
          body: { provider: "openai", key: "provider-key-placeholder", name: "team openai key" },
        }),
        (d) => d.data.id,
      ),
  },
  {
    operationId: "getBYOKKey",
    send: (c) => typed(c.GET("/byok/{id}", { params: { path: { id: BYOK } } }), (d) => d.data.id),
  },
  {
    operationId: "updateBYOKKey",
    send: (c) =>
      typed(
        c.PATCH("/byok/{id}", {
          params: { path: { id: BYOK } },
          body: { allowed_models: ["anthropic/claude-sonnet-4.5"] },
        }),
        (d) => d.data.id,
      ),
  },
  {
    operationId: "deleteBYOKKey",
    send: (c) =>
      typed(c.DELETE("/byok/{id}", { params: { path: { id: BYOK } } }), (d) => d.deleted),
  },
  // Chat
  {
    operationId: "sendChatCompletionRequest",
    send: (c) =>
      typed(
        c.POST("/chat/completions", {
          body: { model: "openai/gpt-4o-mini", messages: chatMessages, max_tokens: 64 },
        }),
        (d) => d.choices[0]?.message.content,
      ),
  },
  // Datasets
  {
    operationId: "getAppRankings",
    send: (c) => typed(c.GET("/datasets/app-rankings"), (d) => d.data[0]?.app_name),
  },
  {
    operationId: "getRankingsDaily",
    send: (c) => typed(c.GET("/datasets/rankings-daily"), (d) => d.data[0]?.date),
  },
  {
    operationId: "getSessionCost",
    send: (c) => typed(c.GET("/datasets/session-cost"), (d) => d.data[0]?.app_slug),
  },
  // Embeddings
  {
    operationId: "createEmbeddings",
    send: (c) =>
      typed(
        c.POST("/embeddings", {
          body: { model: "openai/text-embedding-3-small", input: ["red apple", "green pear"] },
        }),
        (d) => d.data[0]?.embedding,
      ),
  },
  {
    operationId: "listEmbeddingsModels",
    send: (c) => typed(c.GET("/embeddings/models"), (d) => d.data[0]?.id),
  },
  // Endpoints
  {
    operationId: "listEndpointsZdr",
    send: (c) => typed(c.GET("/endpoints/zdr"), (d) => d.data[0]?.model_id),
  },
  {
    operationId: "listEndpoints",
    send: (c) =>
      typed(
        c.GET("/models/{author}/{slug}/endpoints", {
          params: { path: { author: "anthropic", slug: "claude-sonnet-4.5" } },
        }),
        (d) => d.data.id,
      ),
  },
  // Files
  { operationId: "listFiles", send: (c) => typed(c.GET("/files"), (d) => d.data) },
  {
    operationId: "getFileMetadata",
    send: (c) =>
      typed(
        c.GET("/files/{file_id}", {
          params: { path: { file_id: "file_01J9ZK4M7Q2W8E5R3T6Y1U0I9O" } },
        }),
        (d) => d.id,
      ),
  },
  {
    operationId: "downloadFileContent",
    send: (c) =>
      c.GET("/files/{file_id}/content", {
        params: { path: { file_id: "file_01J9ZK4M7Q2W8E5R3T6Y1U0I9O" } },
        parseAs: "arrayBuffer",
      }),
  },
  {
    operationId: "deleteFile",
    send: (c) =>
      typed(
        c.DELETE("/files/{file_id}", {
          params: { path: { file_id: "file_01J9ZK6B2N8M4C1X7V5B3N0M2L" } },
        }),
        (d) => d.id,
      ),
  },
  {
    operationId: "uploadFile",
    send: (c) =>
      typed(
        c.POST("/files", {
          body: { file: new Blob(["plain notes"], { type: "text/plain" }) },
          bodySerializer: (body) => {
            const form = new FormData();
            form.append("file", body.file, "notes.txt");
            return form;
          },
        }),
        (d) => d.id,
      ),
  },
  // Generations
  {
    operationId: "getGeneration",
    send: (c) => typed(c.GET("/generation", { params: { query: { id: GEN } } }), (d) => d.data.id),
  },
  {
    operationId: "listGenerationContent",
    send: (c) =>
      typed(c.GET("/generation/content", { params: { query: { id: GEN } } }), (d) => d.data.input),
  },
  {
    operationId: "submitGenerationFeedback",
    send: (c) =>
      typed(
        c.POST("/generation/feedback", {
          body: { generation_id: GEN, category: "formatting", comment: "Plain text came back." },
        }),
        (d) => d.data.success,
      ),
  },
  // Guardrails
  { operationId: "listGuardrails", send: (c) => typed(c.GET("/guardrails"), (d) => d.data[0]?.id) },
  {
    operationId: "createGuardrail",
    send: (c) =>
      typed(
        c.POST("/guardrails", {
          body: { name: "interns", limit_usd: 20, reset_interval: "monthly" },
        }),
        (d) => d.data.id,
      ),
  },
  {
    operationId: "getGuardrail",
    send: (c) =>
      typed(c.GET("/guardrails/{id}", { params: { path: { id: GUARDRAIL } } }), (d) => d.data.name),
  },
  {
    operationId: "updateGuardrail",
    send: (c) =>
      typed(
        c.PATCH("/guardrails/{id}", {
          params: { path: { id: GUARDRAIL } },
          body: { limit_usd: 35 },
        }),
        (d) => d.data.id,
      ),
  },
  {
    operationId: "deleteGuardrail",
    send: (c) =>
      typed(
        c.DELETE("/guardrails/{id}", { params: { path: { id: GUARDRAIL } } }),
        (d) => d.deleted,
      ),
  },
  {
    operationId: "listGuardrailKeyAssignments",
    send: (c) =>
      typed(
        c.GET("/guardrails/{id}/assignments/keys", { params: { path: { id: GUARDRAIL } } }),
        (d) => d.data[0]?.id,
      ),
  },
  {
    operationId: "bulkAssignKeysToGuardrail",
    send: (c) =>
      typed(
        c.POST("/guardrails/{id}/assignments/keys", {
          params: { path: { id: GUARDRAIL } },
          body: { key_hashes: [HASH] },
        }),
        (d) => d.assigned_count,
      ),
  },
  {
    operationId: "bulkUnassignKeysFromGuardrail",
    send: (c) =>
      typed(
        c.POST("/guardrails/{id}/assignments/keys/remove", {
          params: { path: { id: GUARDRAIL } },
          body: { key_hashes: [HASH] },
        }),
        (d) => d.unassigned_count,
      ),
  },
  {
    operationId: "listGuardrailMemberAssignments",
    send: (c) =>
      typed(
        c.GET("/guardrails/{id}/assignments/members", { params: { path: { id: GUARDRAIL } } }),
        (d) => d.data[0]?.id,
      ),
  },
  {
    operationId: "bulkAssignMembersToGuardrail",
    send: (c) =>
      typed(
        c.POST("/guardrails/{id}/assignments/members", {
          params: { path: { id: GUARDRAIL } },
          body: { member_user_ids: USERS },
        }),
        (d) => d.assigned_count,
      ),
  },
  {
    operationId: "bulkUnassignMembersFromGuardrail",
    send: (c) =>
      typed(
        c.POST("/guardrails/{id}/assignments/members/remove", {
          params: { path: { id: GUARDRAIL } },
          body: { member_user_ids: USERS },
        }),
        (d) => d.unassigned_count,
      ),
  },
  {
    operationId: "listKeyAssignments",
    send: (c) => typed(c.GET("/guardrails/assignments/keys"), (d) => d.data[0]?.id),
  },
  {
    operationId: "listMemberAssignments",
    send: (c) => typed(c.GET("/guardrails/assignments/members"), (d) => d.data[0]?.id),
  },
  // Images
  {
    operationId: "createImages",
    send: (c) =>
      typed(
        c.POST("/images", {
          body: { model: "google/gemini-2.5-flash-image", prompt: "a single teal pixel" },
        }),
        (d) => d.data,
      ),
  },
  {
    operationId: "listImageModels",
    send: (c) => typed(c.GET("/images/models"), (d) => d.data[0]?.id),
  },
  {
    operationId: "listImageModelEndpoints",
    send: (c) =>
      typed(
        c.GET("/images/models/{author}/{slug}/endpoints", {
          params: { path: { author: "google", slug: "gemini-2.5-flash-image" } },
        }),
        (d) => d.endpoints[0]?.provider_name,
      ),
  },
  // API Keys
  { operationId: "getCurrentKey", send: (c) => typed(c.GET("/key"), (d) => d.data.label) },
  { operationId: "list", send: (c) => typed(c.GET("/keys"), (d) => d.data[0]?.hash) },
  {
    operationId: "createKeys",
    send: (c) =>
      typed(c.POST("/keys", { body: { name: "nightly-evals", limit: 50 } }), (d) => d.data.hash),
  },
  {
    operationId: "getKey",
    send: (c) =>
      typed(c.GET("/keys/{hash}", { params: { path: { hash: HASH } } }), (d) => d.data.hash),
  },
  {
    operationId: "updateKeys",
    send: (c) =>
      typed(
        c.PATCH("/keys/{hash}", {
          params: { path: { hash: HASH } },
          body: { name: "ci-runner-v2" },
        }),
        (d) => d.data.name,
      ),
  },
  {
    operationId: "deleteKeys",
    send: (c) =>
      typed(c.DELETE("/keys/{hash}", { params: { path: { hash: HASH } } }), (d) => d.deleted),
  },
  // Anthropic Messages
  {
    operationId: "createMessages",
    send: (c) =>
      typed(
        c.POST("/messages", {
          body: {
            model: "anthropic/claude-haiku-4.5",
            max_tokens: 128,
            messages: [{ role: "user", content: "Say hi in French." }],
          },
        }),
        (d) => d.content,
      ),
  },
  // Models
  {
    operationId: "getModel",
    send: (c) =>
      typed(
        c.GET("/model/{author}/{slug}", {
          params: { path: { author: "anthropic", slug: "claude-sonnet-4.5" } },
        }),
        (d) => d.data.id,
      ),
  },
  { operationId: "getModels", send: (c) => typed(c.GET("/models"), (d) => d.data[0]?.id) },
  {
    operationId: "listModelsCount",
    send: (c) => typed(c.GET("/models/count"), (d) => d.data.count),
  },
  {
    operationId: "listModelsUser",
    send: (c) => typed(c.GET("/models/user"), (d) => d.data[0]?.id),
  },
  // Observability
  {
    operationId: "listObservabilityDestinations",
    send: (c) => typed(c.GET("/observability/destinations"), (d) => d.data[0]?.id),
  },
  {
    operationId: "createObservabilityDestination",
    send: (c) =>
      typed(
        c.POST("/observability/destinations", {
          body: {
            name: "Traces",
            type: "langfuse",
            config: {
              baseUrl: "https://cloud.langfuse.com",
              publicKey: "public-placeholder",
              secretKey: "secret-placeholder",
            },
          },
        }),
        (d) => d.data.id,
      ),
  },
  {
    operationId: "getObservabilityDestination",
    send: (c) =>
      typed(
        c.GET("/observability/destinations/{id}", { params: { path: { id: DEST } } }),
        (d) => d.data.id,
      ),
  },
  {
    operationId: "updateObservabilityDestination",
    send: (c) =>
      typed(
        c.PATCH("/observability/destinations/{id}", {
          params: { path: { id: DEST } },
          body: { sampling_rate: 0.5 },
        }),
        (d) => d.data.id,
      ),
  },
  {
    operationId: "deleteObservabilityDestination",
    send: (c) =>
      typed(
        c.DELETE("/observability/destinations/{id}", { params: { path: { id: DEST } } }),
        (d) => d.deleted,
      ),
  },
  // Organization
  {
    operationId: "listOrganizationMembers",
    send: (c) => typed(c.GET("/organization/members"), (d) => d.total_count),
  },
  // Presets
  { operationId: "listPresets", send: (c) => typed(c.GET("/presets"), (d) => d.data[0]?.id) },
  {
    operationId: "getPreset",
    send: (c) =>
      typed(
        c.GET("/presets/{slug}", { params: { path: { slug: "code-review" } } }),
        (d) => d.data.id,
      ),
  },
  {
    operationId: "listPresetVersions",
    send: (c) =>
      typed(
        c.GET("/presets/{slug}/versions", { params: { path: { slug: "code-review" } } }),
        (d) => d.data[0]?.id,
      ),
  },
  {
    operationId: "getPresetVersion",
    send: (c) =>
      typed(
        c.GET("/presets/{slug}/versions/{version}", {
          params: { path: { slug: "code-review", version: "3" } },
        }),
        (d) => d.data?.id,
      ),
  },
  {
    operationId: "createPresetsChatCompletions",
    send: (c) =>
      typed(
        c.POST("/presets/{slug}/chat/completions", {
          params: { path: { slug: "short-answers" } },
          body: { model: "openai/gpt-4o-mini", messages: chatMessages },
        }),
        (d) => d.data.id,
      ),
  },
  {
    operationId: "createPresetsMessages",
    send: (c) =>
      typed(
        c.POST("/presets/{slug}/messages", {
          params: { path: { slug: "short-answers" } },
          body: {
            model: "anthropic/claude-haiku-4.5",
            max_tokens: 128,
            messages: [{ role: "user", content: "Say hi in French." }],
          },
        }),
        (d) => d.data.id,
      ),
  },
  {
    operationId: "createPresetsResponses",
    send: (c) =>
      typed(
        c.POST("/presets/{slug}/responses", {
          params: { path: { slug: "short-answers" } },
          body: { model: "openai/gpt-4o-mini", input: "A haiku about rain." },
        }),
        (d) => d.data.id,
      ),
  },
  // Providers, Rerank, Responses
  { operationId: "listProviders", send: (c) => typed(c.GET("/providers"), (d) => d.data[0]?.slug) },
  {
    operationId: "createRerank",
    send: (c) =>
      typed(
        c.POST("/rerank", {
          body: {
            model: "cohere/rerank-v3.5",
            query: "How do I rotate an API key?",
            documents: ["Rotate keys in settings.", "Closed on Sundays."],
          },
        }),
        (d) => d.results[0]?.relevance_score,
      ),
  },
  {
    operationId: "createResponses",
    send: (c) =>
      typed(
        c.POST("/responses", {
          body: { model: "openai/gpt-4o-mini", input: "A haiku about rain." },
        }),
        (d) => d.id,
      ),
  },
  // SCIM
  {
    operationId: "listScimGroupMappings",
    send: (c) => typed(c.GET("/scim/group-mappings"), (d) => d.data[0]?.id),
  },
  {
    operationId: "createScimGroupMapping",
    send: (c) =>
      typed(
        c.POST("/scim/group-mappings", {
          body: {
            scim_group_id: "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
            workspace_id: WS,
            role: "member",
          },
        }),
        (d) => d.data.id,
      ),
  },
  {
    operationId: "getScimGroupMapping",
    send: (c) =>
      typed(
        c.GET("/scim/group-mappings/{id}", { params: { path: { id: MAPPING } } }),
        (d) => d.data.role,
      ),
  },
  {
    operationId: "updateScimGroupMapping",
    send: (c) =>
      typed(
        c.PATCH("/scim/group-mappings/{id}", {
          params: { path: { id: MAPPING } },
          body: { role: "admin" },
        }),
        (d) => d.data.id,
      ),
  },
  {
    operationId: "deleteScimGroupMapping",
    send: (c) =>
      typed(
        c.DELETE("/scim/group-mappings/{id}", {
          params: { path: { id: MAPPING }, query: { keep_members: true } },
        }),
        (d) => d.deleted,
      ),
  },
  {
    operationId: "listScimGroups",
    send: (c) => typed(c.GET("/scim/groups"), (d) => d.data[0]?.display_name),
  },
  // Video Generation
  {
    operationId: "createVideos",
    send: (c) =>
      typed(
        c.POST("/videos", {
          body: { model: "google/veo-3.1", prompt: "waves on a pebble beach at dusk" },
        }),
        (d) => d.polling_url,
      ),
  },
  {
    operationId: "getVideos",
    send: (c) =>
      typed(
        c.GET("/videos/{jobId}", { params: { path: { jobId: "vgen_5Tq8Lm2Wx9Zp" } } }),
        (d) => d.status,
      ),
  },
  {
    operationId: "listVideosContent",
    send: (c) =>
      c.GET("/videos/{jobId}/content", {
        params: { path: { jobId: "vgen_5Tq8Lm2Wx9Zp" } },
        parseAs: "arrayBuffer",
      }),
  },
  {
    operationId: "listVideosModels",
    send: (c) => typed(c.GET("/videos/models"), (d) => d.data[0]?.id),
  },
  // Workspaces
  { operationId: "listWorkspaces", send: (c) => typed(c.GET("/workspaces"), (d) => d.data[0]?.id) },
  {
    operationId: "createWorkspace",
    send: (c) =>
      typed(
        c.POST("/workspaces", { body: { name: "Research", slug: "research" } }),
        (d) => d.data.id,
      ),
  },
  {
    operationId: "getWorkspace",
    send: (c) =>
      typed(c.GET("/workspaces/{id}", { params: { path: { id: WS } } }), (d) => d.data.slug),
  },
  {
    operationId: "updateWorkspace",
    send: (c) =>
      typed(
        c.PATCH("/workspaces/{id}", {
          params: { path: { id: WS } },
          body: { name: "Research & evals" },
        }),
        (d) => d.data.name,
      ),
  },
  {
    operationId: "deleteWorkspace",
    send: (c) =>
      typed(c.DELETE("/workspaces/{id}", { params: { path: { id: WS } } }), (d) => d.deleted),
  },
  {
    operationId: "listWorkspaceBudgets",
    send: (c) =>
      typed(
        c.GET("/workspaces/{id}/budgets", { params: { path: { id: WS } } }),
        (d) => d.data[0]?.limit_usd,
      ),
  },
  {
    operationId: "getWorkspaceBudget",
    send: (c) =>
      typed(
        c.GET("/workspaces/{id}/budgets/{interval}", {
          params: { path: { id: WS, interval: "monthly" } },
        }),
        (d) => d.data.limit_usd,
      ),
  },
  {
    operationId: "upsertWorkspaceBudget",
    send: (c) =>
      typed(
        c.PUT("/workspaces/{id}/budgets/{interval}", {
          params: { path: { id: WS, interval: "monthly" } },
          body: { limit_usd: 300 },
        }),
        (d) => d.data.reset_interval,
      ),
  },
  {
    operationId: "deleteWorkspaceBudget",
    send: (c) =>
      typed(
        c.DELETE("/workspaces/{id}/budgets/{interval}", {
          params: { path: { id: WS, interval: "daily" } },
        }),
        (d) => d.deleted,
      ),
  },
  {
    operationId: "listWorkspaceMembers",
    send: (c) =>
      typed(
        c.GET("/workspaces/{id}/members", { params: { path: { id: WS } } }),
        (d) => d.data[0]?.user_id,
      ),
  },
  {
    operationId: "bulkAddWorkspaceMembers",
    send: (c) =>
      typed(
        c.POST("/workspaces/{id}/members/add", {
          params: { path: { id: WS } },
          body: { user_ids: USERS },
        }),
        (d) => d.added_count,
      ),
  },
  {
    operationId: "bulkRemoveWorkspaceMembers",
    send: (c) =>
      typed(
        c.POST("/workspaces/{id}/members/remove", {
          params: { path: { id: WS } },
          body: { user_ids: USERS },
        }),
        (d) => d.removed_count,
      ),
  },
];
