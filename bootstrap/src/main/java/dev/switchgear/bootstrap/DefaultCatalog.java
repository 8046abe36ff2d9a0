package dev.switchgear.bootstrap;

import static dev.switchgear.domain.routing.api.Capability.JSON;
import static dev.switchgear.domain.routing.api.Capability.TOOLS;
import static dev.switchgear.domain.routing.api.Capability.VISION;

import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.routing.api.Capability;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.routing.api.Endpoint;
import dev.switchgear.domain.routing.api.InitialiseCatalog;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import dev.switchgear.domain.routing.api.RoutingRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bundled default catalog, loaded as the routing policy's first event at first start: the
 * requirements' 28 models across tiers 0–3 (local vLLM and Ollama, Groq and the HuggingFace router
 * for Free; Together, Fireworks and DeepInfra for Starter; OpenRouter for Professional; Anthropic and
 * OpenAI direct for Enterprise) at the vendors' public list prices, plus Cohere and Gemini (which the
 * gateway speaks) and the built-in simulator's {@code sim-echo}. Prices are micro-credits per 1K
 * tokens: $1 per million tokens is 1,000,000. Quality is a 0–100 score from public benchmarks,
 * rounded; the simulator's 5 keeps it below every level's floor, so only a request naming it gets it.
 * Cache and reasoning rates (ADR 0023, sources there) are set where the vendor prices them apart.
 * Everything here can be changed afterwards through the admin API, each change a new version.
 */
final class DefaultCatalog {

    private DefaultCatalog() {
    }

    static InitialiseCatalog command(Instant at) {
        return new InitialiseCatalog(providers(), models(), rules(), at);
    }

    static List<ProviderDefinition> providers() {
        return List.of(
                new ProviderDefinition("simulator", "Built-in simulator", "openai", true),
                new ProviderDefinition("vllm", "Local vLLM", "openai", true),
                new ProviderDefinition("ollama", "Local Ollama", "openai", true),
                new ProviderDefinition("groq", "Groq", "openai", false),
                new ProviderDefinition("huggingface", "HuggingFace router", "openai", false),
                new ProviderDefinition("together", "Together AI", "openai", false),
                new ProviderDefinition("fireworks", "Fireworks AI", "openai", false),
                new ProviderDefinition("deepinfra", "DeepInfra", "openai", false),
                new ProviderDefinition("openrouter", "OpenRouter", "openai", false),
                new ProviderDefinition("perplexity", "Perplexity", "openai", false),
                new ProviderDefinition("anthropic", "Anthropic", "anthropic", false),
                new ProviderDefinition("openai", "OpenAI", "openai", false),
                new ProviderDefinition("cohere", "Cohere", "cohere", false),
                new ProviderDefinition("gemini", "Google Gemini", "gemini", false));
    }

    private static CatalogModel m(String id, String provider, String upstream, double inPerM, double outPerM,
                                  int context, int maxOut, Tier tier, Set<Capability> caps, int quality,
                                  String... useCases) {
        return new CatalogModel(id, provider, upstream, Math.round(inPerM * 1_000_000), Math.round(outPerM * 1_000_000),
                context, maxOut, tier, caps, quality, Set.of(useCases));
    }

    /**
     * {@code model} with the rates of its price's parts in dollars per million tokens (ADR 0023):
     * input read from the prompt cache, input written to it for 5 minutes and for 1 hour, and
     * reasoning output; null keeps the default (the input rate for the cache, the output rate for
     * reasoning).
     */
    private static CatalogModel parts(CatalogModel model, Double cachedPerM, Double write5mPerM, Double write1hPerM,
                                      Double reasoningPerM) {
        return new CatalogModel(model.id(), model.provider(), model.upstreamModel(), model.inputPer1k(),
                model.outputPer1k(), model.contextTokens(), model.defaultMaxOutputTokens(), model.minTier(),
                model.capabilities(), model.quality(), model.useCases(), model.endpoints(), perK(cachedPerM), perK(write5mPerM),
                perK(write1hPerM), perK(reasoningPerM));
    }

    private static Long perK(Double perM) {
        return perM == null ? null : Math.round(perM * 1_000_000);
    }

    static List<CatalogModel> models() {
        Set<Capability> all = EnumSet.of(TOOLS, JSON, VISION);
        Set<Capability> toolsJson = EnumSet.of(TOOLS, JSON);
        Set<Capability> json = EnumSet.of(JSON);
        List<CatalogModel> models = new ArrayList<>();
        // Tier 0 (Free): local servers, Groq, the HuggingFace router
        models.add(m("vllm/qwen2.5-7b-instruct", "vllm", "Qwen/Qwen2.5-7B-Instruct", 0, 0, 32_768, 4_096,
                Tier.FREE, toolsJson, 55, "chat", "code", "privacy"));
        models.add(m("vllm/llama-3.1-8b-instruct", "vllm", "meta-llama/Llama-3.1-8B-Instruct", 0, 0, 131_072, 4_096,
                Tier.FREE, toolsJson, 52, "chat", "privacy"));
        models.add(m("ollama/llama3.2:3b", "ollama", "llama3.2:3b", 0, 0, 131_072, 4_096,
                Tier.FREE, json, 40, "chat", "budget", "privacy"));
        models.add(m("ollama/qwen2.5-coder:7b", "ollama", "qwen2.5-coder:7b", 0, 0, 32_768, 4_096,
                Tier.FREE, toolsJson, 50, "code", "privacy"));
        models.add(m("groq/llama-3.1-8b-instant", "groq", "llama-3.1-8b-instant", 0.05, 0.08, 131_072, 8_192,
                Tier.FREE, toolsJson, 52, "chat", "budget"));
        models.add(m("groq/llama-3.3-70b-versatile", "groq", "llama-3.3-70b-versatile", 0.59, 0.79, 131_072, 8_192,
                Tier.FREE, toolsJson, 74, "chat", "code"));
        models.add(m("groq/gemma2-9b-it", "groq", "gemma2-9b-it", 0.20, 0.20, 8_192, 4_096,
                Tier.FREE, json, 50, "budget"));
        models.add(m("hf/meta-llama/Llama-3.1-8B-Instruct", "huggingface", "meta-llama/Llama-3.1-8B-Instruct",
                0.10, 0.10, 131_072, 4_096, Tier.FREE, toolsJson, 52, "chat"));
        models.add(m("hf/Qwen/Qwen2.5-72B-Instruct", "huggingface", "Qwen/Qwen2.5-72B-Instruct", 0.40, 0.40,
                32_768, 4_096, Tier.FREE, toolsJson, 72, "chat", "code"));
        // Tier 1 (Starter): Together, Fireworks, DeepInfra
        models.add(m("together/Llama-3.3-70B-Instruct-Turbo", "together", "meta-llama/Llama-3.3-70B-Instruct-Turbo",
                0.88, 0.88, 131_072, 8_192, Tier.STARTER, toolsJson, 74, "chat", "code"));
        models.add(m("together/Qwen2.5-Coder-32B-Instruct", "together", "Qwen/Qwen2.5-Coder-32B-Instruct",
                0.80, 0.80, 32_768, 8_192, Tier.STARTER, toolsJson, 72, "code"));
        models.add(m("together/Mixtral-8x7B-Instruct-v0.1", "together", "mistralai/Mixtral-8x7B-Instruct-v0.1",
                0.60, 0.60, 32_768, 4_096, Tier.STARTER, json, 58, "chat", "budget"));
        models.add(m("fireworks/llama-v3p1-405b-instruct", "fireworks",
                "accounts/fireworks/models/llama-v3p1-405b-instruct", 3.00, 3.00, 131_072, 8_192, Tier.STARTER,
                toolsJson, 82, "premium", "long-context"));
        models.add(m("fireworks/deepseek-v3", "fireworks", "accounts/fireworks/models/deepseek-v3", 0.90, 0.90,
                131_072, 8_192, Tier.STARTER, toolsJson, 84, "code", "chat"));
        models.add(m("deepinfra/Meta-Llama-3.1-70B-Instruct", "deepinfra", "meta-llama/Meta-Llama-3.1-70B-Instruct",
                0.23, 0.40, 131_072, 8_192, Tier.STARTER, toolsJson, 72, "chat", "budget"));
        models.add(m("deepinfra/Qwen2.5-72B-Instruct", "deepinfra", "Qwen/Qwen2.5-72B-Instruct", 0.23, 0.40,
                32_768, 8_192, Tier.STARTER, toolsJson, 72, "code", "chat"));
        // Tier 2 (Professional): OpenRouter
        models.add(parts(m("openrouter/anthropic/claude-3.5-sonnet", "openrouter", "anthropic/claude-3.5-sonnet",
                3.00, 15.00, 200_000, 8_192, Tier.PROFESSIONAL, all, 90, "premium", "code", "long-context"),
                0.30, 3.75, 6.00, null));
        models.add(parts(m("openrouter/openai/gpt-4o", "openrouter", "openai/gpt-4o", 2.50, 10.00, 128_000, 16_384,
                Tier.PROFESSIONAL, all, 88, "premium", "chat"), 1.25, null, null, null));
        models.add(m("openrouter/google/gemini-pro-1.5", "openrouter", "google/gemini-pro-1.5", 1.25, 5.00,
                2_000_000, 8_192, Tier.PROFESSIONAL, all, 84, "long-context"));
        models.add(m("openrouter/mistralai/mistral-large", "openrouter", "mistralai/mistral-large", 2.00, 6.00,
                128_000, 8_192, Tier.PROFESSIONAL, toolsJson, 80, "chat"));
        models.add(m("openrouter/meta-llama/llama-3.1-405b-instruct", "openrouter",
                "meta-llama/llama-3.1-405b-instruct", 0.80, 0.80, 131_072, 8_192, Tier.PROFESSIONAL,
                EnumSet.of(TOOLS), 82, "chat", "long-context"));
        // Tier 3 (Enterprise): Anthropic and OpenAI direct
        // Anthropic: cache reads 10 % of input, 5-minute writes 125 %, 1-hour writes 200 %; thinking is output
        models.add(parts(m("claude-3-5-haiku-latest", "anthropic", "claude-3-5-haiku-latest", 0.80, 4.00, 200_000,
                8_192, Tier.ENTERPRISE, all, 80, "chat", "code"), 0.08, 1.00, 1.60, null));
        models.add(parts(m("claude-sonnet-4-0", "anthropic", "claude-sonnet-4-0", 3.00, 15.00, 200_000, 8_192,
                Tier.ENTERPRISE, all, 93, "premium", "code", "long-context"), 0.30, 3.75, 6.00, null));
        models.add(parts(m("claude-opus-4-0", "anthropic", "claude-opus-4-0", 15.00, 75.00, 200_000, 8_192,
                Tier.ENTERPRISE, all, 96, "premium"), 1.50, 18.75, 30.00, null));
        // OpenAI: cached input 50 % of input for GPT-4o and o3-mini, 25 % for GPT-4.1; reasoning is output
        models.add(parts(m("gpt-4o-mini", "openai", "gpt-4o-mini", 0.15, 0.60, 128_000, 4_096,
                Tier.ENTERPRISE, all, 78, "chat", "budget"), 0.075, null, null, null));
        models.add(parts(m("gpt-4o", "openai", "gpt-4o", 2.50, 10.00, 128_000, 4_096,
                Tier.ENTERPRISE, all, 88, "premium", "chat"), 1.25, null, null, null));
        models.add(parts(m("gpt-4.1", "openai", "gpt-4.1", 2.00, 8.00, 1_047_576, 4_096,
                Tier.ENTERPRISE, all, 91, "long-context", "code", "premium"), 0.50, null, null, null));
        models.add(parts(m("o3-mini", "openai", "o3-mini", 1.10, 4.40, 200_000, 4_096,
                Tier.ENTERPRISE, toolsJson, 89, "code"), 0.55, null, null, 4.40));
        // Beyond the requirements' 28: the other wire formats the gateway speaks, and the simulator.
        models.add(m("command-r-08-2024", "cohere", "command-r-08-2024", 0.15, 0.60, 128_000, 4_000,
                Tier.PROFESSIONAL, toolsJson, 70, "chat"));
        models.add(m("command-r-plus-08-2024", "cohere", "command-r-plus-08-2024", 2.50, 10.00, 128_000, 4_000,
                Tier.PROFESSIONAL, toolsJson, 80, "chat"));
        // Gemini 2.0 Flash: cached content (text) at 25 % of input
        models.add(parts(m("gemini-2.0-flash", "gemini", "gemini-2.0-flash", 0.10, 0.40, 1_048_576, 8_192,
                Tier.PROFESSIONAL, all, 82, "chat", "long-context"), 0.025, null, null, null));
        models.add(m("sim-echo", "simulator", "sim-echo", 0.15, 0.60, 131_072, 1_024,
                Tier.FREE, all, 5));
        models.replaceAll(DefaultCatalog::withLegacyCompletions);
        models.addAll(embeddingModels());
        return models;
    }

    /** Providers whose OpenAI-compatible API also serves the legacy {@code /v1/completions} (ADR 0022). */
    private static final Set<String> LEGACY_COMPLETIONS = Set.of("simulator", "vllm", "ollama", "together",
            "fireworks", "deepinfra");

    private static CatalogModel withLegacyCompletions(CatalogModel model) {
        return LEGACY_COMPLETIONS.contains(model.provider())
                ? model.withEndpoints(EnumSet.of(Endpoint.CHAT, Endpoint.COMPLETIONS)) : model;
    }

    /**
     * Embedding models at their vendors' public list prices per 1M input tokens (no output): OpenAI's
     * text-embedding-3-small $0.02 and -large $0.13; Cohere's embed-v4.0 $0.12 (text) and
     * embed-english-v3.0 $0.10; Gemini's gemini-embedding-001 $0.15 and text-embedding-004 (free of
     * charge on the Gemini API); and the simulator's {@code sim-embed}, priced like a cheap model so
     * its charges are visible. Context is each model's input limit in tokens; the output cap is 0.
     */
    static List<CatalogModel> embeddingModels() {
        Set<Endpoint> embeddings = EnumSet.of(Endpoint.EMBEDDINGS);
        return List.of(
                embedding("text-embedding-3-small", "openai", 0.02, 8_191, Tier.ENTERPRISE, 62, embeddings),
                embedding("text-embedding-3-large", "openai", 0.13, 8_191, Tier.ENTERPRISE, 65, embeddings),
                embedding("embed-v4.0", "cohere", 0.12, 128_000, Tier.PROFESSIONAL, 66, embeddings),
                embedding("embed-english-v3.0", "cohere", 0.10, 512, Tier.PROFESSIONAL, 60, embeddings),
                embedding("gemini-embedding-001", "gemini", 0.15, 2_048, Tier.PROFESSIONAL, 68, embeddings),
                embedding("text-embedding-004", "gemini", 0, 2_048, Tier.PROFESSIONAL, 58, embeddings),
                embedding("sim-embed", "simulator", 0.10, 131_072, Tier.FREE, 5, embeddings));
    }

    private static CatalogModel embedding(String id, String provider, double inPerM, int context, Tier tier,
                                          int quality, Set<Endpoint> endpoints) {
        return new CatalogModel(id, provider, id, Math.round(inPerM * 1_000_000), 0, context, 0, tier, Set.of(),
                quality, Set.of("embeddings"), endpoints);
    }

    static RoutingRules rules() {
        Map<String, List<String>> chains = new LinkedHashMap<>();
        chains.put("code", List.of("claude-sonnet-4-0", "openrouter/anthropic/claude-3.5-sonnet", "fireworks/deepseek-v3",
                "together/Qwen2.5-Coder-32B-Instruct", "groq/llama-3.3-70b-versatile", "ollama/qwen2.5-coder:7b"));
        chains.put("chat", List.of("gpt-4o-mini", "groq/llama-3.3-70b-versatile", "together/Llama-3.3-70B-Instruct-Turbo",
                "deepinfra/Meta-Llama-3.1-70B-Instruct", "groq/llama-3.1-8b-instant"));
        chains.put("long-context", List.of("gpt-4.1", "openrouter/google/gemini-pro-1.5", "claude-sonnet-4-0",
                "fireworks/llama-v3p1-405b-instruct"));
        chains.put("premium", List.of("claude-opus-4-0", "claude-sonnet-4-0", "gpt-4o",
                "openrouter/anthropic/claude-3.5-sonnet", "openrouter/openai/gpt-4o"));
        chains.put("budget", List.of("groq/llama-3.1-8b-instant", "deepinfra/Meta-Llama-3.1-70B-Instruct",
                "together/Mixtral-8x7B-Instruct-v0.1", "gpt-4o-mini", "ollama/llama3.2:3b"));
        chains.put("privacy", List.of("vllm/qwen2.5-7b-instruct", "vllm/llama-3.1-8b-instruct",
                "ollama/qwen2.5-coder:7b", "ollama/llama3.2:3b"));
        return new RoutingRules(chains, Map.of(PowerLevel.ECO, 10, PowerLevel.BALANCED, 50, PowerLevel.PRECISION, 80),
                3);
    }
}
