package dev.switchgear.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.adapter.rest.AnthropicRoutes;
import dev.switchgear.adapter.rest.ApiReference;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What the API reference says of every route by rule rather than by annotation (ADR 0019): the
 * security scheme (bearer; also {@code x-api-key} on {@code /v1/messages}), the error responses in
 * the route's own shape with the statuses it can answer; the summaries and example bodies of
 * {@link ApiReference}.
 * The admin routes named here are those {@code SecurityConfiguration} gives role ADMIN.
 */
final class ApiReferenceRules implements OpenApiCustomizer {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String OPENAI_ERROR = "OpenAiError";
    static final String ANTHROPIC_ERROR = "AnthropicError";
    static final String BEARER = "bearer";
    static final String X_API_KEY = "x-api-key";
    static final String WEBHOOK = "POST /api/v1/billing/webhooks/stripe";
    static final String OWN_HISTORY = "GET /api/v1/admin/accounts/{accountId}/events";
    static final Set<String> ADMIN_ROUTES_ELSEWHERE = Set.of("POST /api/v1/llm/providers",
            "DELETE /api/v1/llm/providers/{id}", "POST /api/v1/llm/models", "DELETE /api/v1/llm/models",
            "PUT /api/v1/llm/routing/rules", "POST /api/v1/llm/test");
    /** Counts a message's tokens: free, but an unknown model is a 404 (ADR 0020). */
    static final String COUNT_TOKENS = "POST /v1/messages/count_tokens";
    /** Routes an account's tier can close (403 {@code upgrade_required}). */
    static final Set<String> TIER_GATED = Set.of("POST /api/v1/byok/keys/add");
    static final Set<String> COMPLETIONS = Set.of("POST /v1/chat/completions",
            "POST /api/v1/llm/chat/completions", "POST /v1/messages");

    private static final Map<Integer, String> MEANING = Map.ofEntries(
            Map.entry(400, "Bad input: the body, a parameter or the path is not what the route takes; nothing changed."),
            Map.entry(401, "No key, an unknown, revoked or expired key, or an invalid sign-in token."),
            Map.entry(402, "Not enough credits, or the monthly cap is reached; nothing was charged."),
            Map.entry(403, "The caller may not do this (an administrator route, or a model or feature its tier excludes)."),
            Map.entry(404, "No such resource for this caller (an id of another account reads as unknown)."),
            Map.entry(409, "The request conflicts with the current state (e.g. a request id already used)."),
            Map.entry(413, "The request body is larger than the configured limit."),
            Map.entry(429, "A rate limit is reached; retry after the time in `Retry-After`."),
            Map.entry(502, "The upstream provider failed or could not be reached."),
            Map.entry(503, "The gateway could not record the charge; retry later."));

    /** A rebuild of a side-effect processor, or of one being rebuilt, is a 409 (ADR 0025). */
    static final String REBUILD = "POST /api/v1/admin/projections/{name}/rebuild";

    /** Whether a route is reachable without a key (METHOD + path pattern). */
    static boolean isPublic(String route) {
        return WEBHOOK.equals(route);
    }

    /** Whether a route needs the administrator's key (403 for an account key). */
    static boolean isAdmin(String route) {
        String path = route.substring(route.indexOf(' ') + 1);
        return ADMIN_ROUTES_ELSEWHERE.contains(route) || path.startsWith("/api/v1/admin/") && !OWN_HISTORY.equals(route);
    }

    @Override
    public void customise(OpenAPI api) {
        api.getComponents()
                .addSchemas(OPENAI_ERROR, openAiError())
                .addSchemas(ANTHROPIC_ERROR, anthropicError())
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An account key (`sg-...`), the admin key, or, with OIDC configured, an access token."))
                .addSecuritySchemes(X_API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER).name("x-api-key")
                        .description("Anthropic's header; taken on `/v1/messages` like a bearer key."));
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> document(method + " " + path, item, operation)));
    }

    private static void document(String route, PathItem item, Operation operation) {
        String path = route.substring(route.indexOf(' ') + 1);
        boolean anthropic = AnthropicRoutes.matches(path);
        ApiReference.of(route).ifPresent(words -> {
            operation.setSummary(words.summary());
            words.example().filter(example -> operation.getRequestBody() != null)
                    .ifPresent(example -> operation.getRequestBody().content(jsonBody(example)));
        });
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        boolean takesInput = operation.getRequestBody() != null
                || operation.getParameters() != null && !operation.getParameters().isEmpty()
                || item.getParameters() != null && !item.getParameters().isEmpty();
        if (isPublic(route)) {
            operation.setSecurity(List.of());
        } else {
            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
            if (anthropic) {
                operation.addSecurityItem(new SecurityRequirement().addList(X_API_KEY));
            }
            error(operation, 401, anthropic);
        }
        if (takesInput || isPublic(route)) {
            error(operation, 400, anthropic);
        }
        if (operation.getRequestBody() != null) {
            error(operation, 413, anthropic);
        }
        if (isAdmin(route) || TIER_GATED.contains(route)) {
            error(operation, 403, anthropic);
        }
        if (path.contains("{")) {
            error(operation, 404, anthropic);
        }
        if (COUNT_TOKENS.equals(route)) {
            error(operation, 404, anthropic);
        }
        if (REBUILD.equals(route)) {
            error(operation, 409, anthropic);
        }
        if (COMPLETIONS.contains(route)) {
            for (int status : new int[] {402, 403, 404, 409, 429, 502, 503}) {
                error(operation, status, anthropic);
            }
        }
    }

    private static Content jsonBody(String example) {
        try {
            JsonNode value = JSON.readTree(example);
            JsonSchema schema = object("A JSON object; see the example for its fields.");
            return new Content().addMediaType("application/json", new MediaType().schema(schema)
                    .examples(Map.of("example", new Example().value(value))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an example body in ApiReference is not JSON: " + example, e);
        }
    }

    private static void error(Operation operation, int status, boolean anthropic) {
        String code = String.valueOf(status);
        if (operation.getResponses().containsKey(code)) {
            return;
        }
        Object example = anthropic
                ? Map.of("type", "error", "error", Map.of("type", anthropicType(status), "message", MEANING.get(status)))
                : openAiExample(status);
        MediaType json = new MediaType()
                .schema(new JsonSchema().$ref("#/components/schemas/" + (anthropic ? ANTHROPIC_ERROR : OPENAI_ERROR)))
                .examples(Map.of("example", new Example().value(example)));
        operation.getResponses().addApiResponse(code, new ApiResponse().description(MEANING.get(status))
                .content(new Content().addMediaType("application/json", json)));
    }

    private static Map<String, Object> openAiExample(int status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", status == 401
                ? "You didn't provide an API key. Send it as `Authorization: Bearer <key>`." : MEANING.get(status));
        body.put("type", switch (status) {
            case 402 -> "insufficient_quota";
            case 429 -> "rate_limit_exceeded";
            case 502, 503 -> "server_error";
            default -> "invalid_request_error";
        });
        body.put("param", null);
        body.put("code", status == 401 ? "invalid_api_key" : null);
        return Map.of("error", body);
    }

    private static String anthropicType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 502, 503 -> "api_error";
            default -> "invalid_request_error";
        };
    }

    private static Schema<?> openAiError() {
        JsonSchema body = object("What went wrong.");
        body.addProperty("message", string("A sentence for people; never contains a key or secret."));
        body.addProperty("type", string("The class of error, e.g. `invalid_request_error`, `insufficient_quota`."));
        body.addProperty("param", nullableString("The request field at fault, if one is."));
        body.addProperty("code", nullableString("A stable machine-readable code, e.g. `invalid_api_key`."));
        body.required(List.of("message", "type", "param", "code"));
        JsonSchema error = object("OpenAI's error shape, on every route but `/v1/messages`.");
        error.addProperty("error", body);
        error.required(List.of("error"));
        return error;
    }

    private static Schema<?> anthropicError() {
        JsonSchema body = object("What went wrong.");
        body.addProperty("type", string("Anthropic's error type, e.g. `authentication_error`."));
        body.addProperty("message", string("A sentence for people; never contains a key or secret."));
        body.required(List.of("type", "message"));
        JsonSchema error = object("Anthropic's error shape, on `/v1/messages`.");
        error.addProperty("type", string("Always `error`."));
        error.addProperty("error", body);
        error.required(List.of("type", "error"));
        return error;
    }

    private static JsonSchema object(String description) {
        JsonSchema schema = new JsonSchema();
        schema.types(Set.of("object"));
        schema.description(description);
        return schema;
    }

    private static JsonSchema string(String description) {
        JsonSchema schema = new JsonSchema();
        schema.types(Set.of("string"));
        schema.description(description);
        return schema;
    }

    private static JsonSchema nullableString(String description) {
        JsonSchema schema = new JsonSchema();
        schema.types(new LinkedHashSet<>(List.of("string", "null")));
        schema.description(description);
        return schema;
    }
}
