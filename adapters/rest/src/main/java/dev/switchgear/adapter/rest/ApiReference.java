package dev.switchgear.adapter.rest;

import java.util.Map;
import java.util.Optional;

/**
 * The API reference's words for each REST route (ADR 0019): a one-line summary and, where the route
 * takes a JSON body, an example of it. The controllers read their bodies as raw JSON
 * ({@link JsonFields}), so springdoc cannot infer a schema; bootstrap's customizer puts these into
 * {@code /v3/api-docs}, and a test fails when a served route has no entry here.
 */
public final class ApiReference {

    /** A route's summary and, when it takes a body, an example body (JSON). */
    public record Route(String summary, String exampleBody) {
        public Route {
            if (summary == null || summary.isBlank()) {
                throw new IllegalArgumentException("a route needs a summary");
            }
        }

        public Optional<String> example() {
            return Optional.ofNullable(exampleBody);
        }
    }

    private static final String CHAT = """
            {"model": "auto", "messages": [{"role": "user", "content": "Say hello."}], "max_tokens": 64, "stream": false}""";

    private static final Map<String, Route> ROUTES = Map.ofEntries(
            route("POST /v1/chat/completions", "Create a chat completion (OpenAI-compatible, plain or streamed)", CHAT),
            route("POST /api/v1/llm/chat/completions", "Create a chat completion (alias of /v1/chat/completions)", CHAT),
            route("POST /v1/messages", "Create a message (Anthropic's Messages API, answered by any provider)", """
                    {"model": "auto", "max_tokens": 64, "messages": [{"role": "user", "content": "Say hello."}]}"""),
            route("POST /v1/messages/count_tokens", "Count a message's input tokens (Anthropic's format; free)", """
                    {"model": "auto", "system": "Be brief.", "messages": [{"role": "user", "content": "Say hello."}]}"""),
            route("POST /v1/embeddings", "Create embeddings (OpenAI-compatible; float or base64)", """
                    {"model": "sim-embed", "input": ["first text", "second text"], "dimensions": 256, \
                    "encoding_format": "float"}"""),
            route("POST /v1/completions", "Create a legacy text completion (OpenAI-compatible, plain or streamed)", """
                    {"model": "sim-echo", "prompt": "Say hello.", "max_tokens": 16, "stream": false}"""),
            route("GET /v1/models", "List the models the caller may use (OpenAI's shape)", null),
            route("GET /api/v1/llm/models", "List the models the caller may use (alias of /v1/models)", null),
            route("POST /v1/responses", "Create a response (OpenAI's Responses API, plain or streamed; stored by default)",
                    """
                    {"model": "auto", "instructions": "Be brief.", "input": "Say hello.", "max_output_tokens": 64, \
                    "store": true}"""),
            route("GET /v1/responses/{id}", "Read one of the caller's stored responses", null),
            route("GET /v1/responses/{id}/input_items", "List a stored response's input items (its conversation)",
                    null),
            route("DELETE /v1/responses/{id}", "Delete one of the caller's stored responses", null),
            route("GET /api/v1/llm/rate-limits", "Read the caller's rate limits in force", null),
            route("GET /api/v1/llm/credits", "Read the balance, holds, cap, spend and burn rate", null),
            route("PUT /api/v1/llm/credits/cap", "Set or remove the monthly spending cap", "{\"monthly_cap\": 500}"),
            route("PUT /api/v1/llm/credits/low-balance-threshold", "Set the low-balance alert threshold",
                    "{\"threshold\": 100}"),
            route("GET /api/v1/llm/credits/history", "List the account's money events, newest first", null),
            route("GET /api/v1/llm/credits/packages", "List the credit packages for sale", null),
            route("GET /api/v1/llm/credits/history/export", "Export the account's money events as CSV, oldest first",
                    null),
            route("GET /api/v1/llm/usage", "Read the usage dashboard: daily series, providers, BYOK vs platform, "
                    + "power levels, model ranking", null),
            route("GET /api/v1/llm/usage/export", "Export the account's charged requests in a range as CSV", null),
            route("POST /api/v1/llm/credits/purchase", "Buy credits: answers a Stripe Checkout URL",
                    "{\"package\": \"starter-10\"}"),
            route("POST /api/v1/billing/webhooks/stripe", "Receive a signed Stripe event (public; signature checked)",
                    "{\"id\": \"evt_...\", \"type\": \"checkout.session.completed\", \"data\": {\"object\": {}}}"),
            route("GET /api/v1/llm/providers", "List the catalog's providers with their health", null),
            route("POST /api/v1/llm/providers", "Define a catalog provider (admin)",
                    "{\"id\": \"acme\", \"name\": \"Acme AI\", \"type\": \"openai\", \"local\": false}"),
            route("DELETE /api/v1/llm/providers/{id}", "Remove a catalog provider (admin)", null),
            route("GET /api/v1/llm/catalog/models", "List every catalog model with price, tier and capabilities", null),
            route("POST /api/v1/llm/models", "Define or reprice a catalog model (admin)", """
                    {"id": "acme-large", "provider": "acme", "upstream_model": "large-2", "input_per_1k": 3000000, \
                    "output_per_1k": 15000000, "context_tokens": 128000, "default_max_output_tokens": 4096, \
                    "quality": 80, "min_tier": "starter", "capabilities": ["tools", "json"], "use_cases": ["chat"]}"""),
            route("DELETE /api/v1/llm/models", "Remove a catalog model (admin)", null),
            route("GET /api/v1/llm/routing/rules", "Read the routing rules", null),
            route("PUT /api/v1/llm/routing/rules", "Replace the routing rules (admin)", """
                    {"chains": {"chat": ["acme-large"]}, "quality_floors": {"eco": 0, "balanced": 50, "precision": 80}, \
                    "max_attempts": 3}"""),
            route("PATCH /api/v1/llm/routing/rules", "Change part of the routing rules (admin)",
                    "{\"max_attempts\": 2}"),
            route("POST /api/v1/llm/test", "Probe a provider now with the platform key (admin)",
                    "{\"provider\": \"acme\"}"),
            route("GET /api/v1/llm/users/{accountId}/power-level", "Read the account's power level", null),
            route("PUT /api/v1/llm/users/{accountId}/power-level", "Choose the account's power level",
                    "{\"power_level\": \"balanced\"}"),
            route("GET /api/v1/llm/users/{accountId}/byok", "Read whether the account prefers its own keys", null),
            route("PUT /api/v1/llm/users/{accountId}/byok", "Choose whether the account prefers its own keys",
                    "{\"prefer_byok\": true}"),
            route("GET /api/v1/llm/requests/{requestId}/explain", "Explain a request's routing decision", null),
            route("GET /api/v1/byok/providers", "List the providers a key can be stored for", null),
            route("GET /api/v1/byok/keys", "List the caller's stored provider keys, masked", null),
            route("POST /api/v1/byok/keys/add", "Store a provider key (Starter tier and up)",
                    "{\"provider\": \"openai\", \"api_key\": \"sk-...\", \"label\": \"main\"}"),
            route("POST /api/v1/byok/keys/test/{provider}", "Test a stored or an unsaved provider key live",
                    "{\"label\": \"main\"}"),
            route("DELETE /api/v1/byok/keys/{provider}", "Remove a provider's stored keys", null),
            route("DELETE /api/v1/byok/keys", "Erase the caller's whole keyring", null),
            route("GET /api/v1/byok/stats", "Read key counts and BYOK usage", null),
            route("POST /api/v1/keys", "Create a gateway key for the caller's account (shown once)",
                    "{\"name\": \"ci\", \"expires_in_days\": 90}"),
            route("GET /api/v1/keys", "List the caller's gateway keys, masked", null),
            route("DELETE /api/v1/keys/{keyId}", "Revoke one of the caller's gateway keys", null),
            route("GET /api/v1/audit", "Read the audit log, newest first", null),
            route("POST /api/v1/admin/accounts", "Open an account (admin)", "{\"name\": \"Acme\", \"tier\": \"starter\"}"),
            route("POST /api/v1/admin/accounts/{accountId}/api-keys", "Issue an account key (admin; shown once)", null),
            route("GET /api/v1/admin/accounts/{accountId}/api-keys", "List an account's gateway keys (admin)", null),
            route("DELETE /api/v1/admin/accounts/{accountId}/api-keys/{keyId}", "Revoke an account's key (admin)", null),
            route("POST /api/v1/admin/accounts/{accountId}/credits", "Grant credits (admin)",
                    "{\"credits\": 10, \"reason\": \"welcome\"}"),
            route("POST /api/v1/admin/accounts/{accountId}/refunds", "Take credits back (admin)",
                    "{\"credits\": 5, \"reason\": \"refund\"}"),
            route("GET /api/v1/admin/accounts/{accountId}/events", "Read an account's event history (admin or own key)",
                    null),
            route("GET /api/v1/admin/accounts/{accountId}/rate-limits", "Read an account's rate limits (admin)", null),
            route("PUT /api/v1/admin/accounts/{accountId}/rate-limits", "Override an account's rate limits (admin)",
                    "{\"requests_per_minute\": 100, \"tokens_per_minute\": 100000}"),
            route("DELETE /api/v1/admin/accounts/{accountId}/keyring", "Erase an account's keyring (admin)", null),
            route("GET /api/v1/admin/master-key", "Read the master keyset's versions (admin)", null),
            route("POST /api/v1/admin/master-key/rotate", "Rotate the master keyset (admin)", null),
            route("GET /api/v1/admin/projections", "List the event processors with position, lag and status (admin)",
                    null),
            route("POST /api/v1/admin/projections/{name}/rebuild",
                    "Rebuild a read model from the event store; checksums before and after (admin)", null),
            route("GET /api/v1/admin/reconciliation",
                    "Reconcile accounts: events, ledger, read model, Lago and Stripe, differences flagged (admin)", null),
            route("GET /api/v1/admin/accounts/{accountId}/balance", "An account's balance as of an instant (admin)",
                    null),
            route("GET /api/v1/llm/credits/balance", "The caller's balance as of an instant, from its events", null));

    private ApiReference() {
    }

    /** The words for a route given as {@code METHOD /path/{pattern}}, if it has any. */
    public static Optional<Route> of(String route) {
        return Optional.ofNullable(ROUTES.get(route));
    }

    private static Map.Entry<String, Route> route(String route, String summary, String exampleBody) {
        return Map.entry(route, new Route(summary, exampleBody));
    }
}
