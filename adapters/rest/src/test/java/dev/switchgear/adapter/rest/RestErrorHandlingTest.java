package dev.switchgear.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.completion.FailureWithRateLimits;
import dev.switchgear.application.port.in.completion.RateLimitStatus;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.out.billing.PaymentEventRejected;
import dev.switchgear.application.port.out.billing.PaymentGatewayUnavailable;
import dev.switchgear.application.port.out.keyring.EgressRefusedException;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.keyring.KeyringError;
import dev.switchgear.domain.keyring.KeyringException;
import dev.switchgear.domain.routing.RoutingException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Every refusal's error code becomes its HTTP status and OpenAI's error shape; nothing unexpected leaks. */
class RestErrorHandlingTest {

    /** Throws whatever the test hands it. */
    @RestController
    static class Thrower {
        RuntimeException next;

        @GetMapping("/throw")
        String fail() {
            throw next;
        }
    }

    private final Thrower thrower = new Thrower();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(thrower)
            .setControllerAdvice(new RestErrorHandling()).build();

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(new CreditException(CreditError.ACCOUNT_NOT_FOUND, "m"), 404, "invalid_request_error", "account_not_found"),
                Arguments.of(new CreditException(CreditError.INSUFFICIENT_CREDITS, "m"), 402, "insufficient_quota", "insufficient_credits"),
                Arguments.of(new CreditException(CreditError.MONTHLY_CAP_REACHED, "m"), 402, "insufficient_quota", "monthly_cap_reached"),
                Arguments.of(new CreditException(CreditError.REQUEST_ALREADY_CHARGED, "m"), 409, "invalid_request_error", "request_already_charged"),
                Arguments.of(new CreditException(CreditError.ACCOUNT_ALREADY_OPEN, "m"), 409, "invalid_request_error", "account_exists"),
                Arguments.of(new CreditException(CreditError.INVALID_AMOUNT, "m"), 400, "invalid_request_error", "invalid_amount"),
                Arguments.of(new CreditException(CreditError.INVALID_ACCOUNT, "m"), 400, "invalid_request_error", "invalid_account"),
                Arguments.of(new CreditException(CreditError.INVALID_PREFERENCE, "m"), 400, "invalid_request_error", "invalid_preference"),
                Arguments.of(new CreditException(CreditError.REQUEST_IN_PROGRESS, "m"), 409, "invalid_request_error", "request_in_progress"),
                Arguments.of(new CreditException(CreditError.API_KEY_NOT_FOUND, "m"), 404, "invalid_request_error", "api_key_not_found"),
                Arguments.of(new CreditException(CreditError.TOO_MANY_API_KEYS, "m"), 409, "invalid_request_error", "too_many_api_keys"),
                Arguments.of(new CreditException(CreditError.INVALID_API_KEY, "m"), 400, "invalid_request_error", "invalid_api_key"),
                Arguments.of(new CreditException(CreditError.INVALID_LIMIT, "m"), 400, "invalid_request_error", "invalid_limit"),
                Arguments.of(new KeyringException(KeyringError.TIER_FORBIDS_BYOK, "m"), 403, "invalid_request_error", "upgrade_required"),
                Arguments.of(new KeyringException(KeyringError.KEY_LIMIT_REACHED, "m"), 409, "invalid_request_error", "key_limit_reached"),
                Arguments.of(new KeyringException(KeyringError.INVALID_KEY, "m"), 400, "invalid_request_error", "invalid_key"),
                Arguments.of(new KeyringException(KeyringError.KEY_NOT_FOUND, "m"), 404, "invalid_request_error", "key_not_found"),
                Arguments.of(new RoutingException("m"), 400, "invalid_request_error", "invalid_routing_change"),
                Arguments.of(new PaymentEventRejected("m"), 400, "invalid_request_error", "invalid_webhook"),
                Arguments.of(new PaymentGatewayUnavailable("m"), 502, "server_error", "payment_provider_unavailable"),
                Arguments.of(new EgressRefusedException("m"), 400, "invalid_request_error", "endpoint_not_allowed"),
                Arguments.of(new IdentityException(IdentityError.UNAUTHENTICATED, "m"), 401, "invalid_request_error", "invalid_api_key"),
                Arguments.of(new IdentityException(IdentityError.ADMIN_REQUIRED, "m"), 403, "invalid_request_error", "permission_denied"),
                Arguments.of(new IdentityException(IdentityError.ACCOUNT_KEY_REQUIRED, "m"), 403, "invalid_request_error", "permission_denied"),
                Arguments.of(new CompletionException(CompletionError.INVALID_REQUEST, "m"), 400, "invalid_request_error", null),
                Arguments.of(new CompletionException(CompletionError.MODEL_NOT_FOUND, "m"), 404, "invalid_request_error", "model_not_found"),
                Arguments.of(new CompletionException(CompletionError.OWN_KEY_REQUIRED, "m"), 400, "invalid_request_error", "own_key_required"),
                Arguments.of(new CompletionException(CompletionError.MODEL_NOT_ALLOWED, "m"), 403, "invalid_request_error", "model_not_allowed"),
                Arguments.of(new CompletionException(CompletionError.NO_ELIGIBLE_MODEL, "m"), 400, "invalid_request_error", "no_eligible_model"),
                Arguments.of(new CompletionException(CompletionError.MODEL_NOT_SUPPORTED_FOR_ENDPOINT, "m"), 400, "invalid_request_error", "model_not_supported_for_endpoint"),
                Arguments.of(new CompletionException(CompletionError.UPSTREAM_REJECTED, "m", 401, Optional.empty()), 400, "invalid_request_error", "provider_key_rejected"),
                Arguments.of(new CompletionException(CompletionError.UPSTREAM_REJECTED, "m", 403, Optional.empty()), 400, "invalid_request_error", "provider_key_rejected"),
                Arguments.of(new CompletionException(CompletionError.UPSTREAM_REJECTED, "m", 422, Optional.empty()), 422, "invalid_request_error", "upstream_rejected"),
                Arguments.of(new CompletionException(CompletionError.UPSTREAM_REJECTED, "m", 500, Optional.empty()), 400, "invalid_request_error", "upstream_rejected"),
                Arguments.of(new CompletionException(CompletionError.UPSTREAM_RATE_LIMITED, "m", 429, Optional.empty()), 429, "rate_limit_error", "rate_limit_exceeded"),
                Arguments.of(new CompletionException(CompletionError.UPSTREAM_UNAVAILABLE, "m"), 502, "server_error", "upstream_unavailable"),
                Arguments.of(new CompletionException(CompletionError.CHARGE_NOT_RECORDED, "m"), 503, "server_error", "charge_not_recorded"),
                Arguments.of(new CompletionException(CompletionError.REQUEST_ID_REUSED, "m"), 409, "invalid_request_error", "request_id_reused"),
                Arguments.of(new CompletionException(CompletionError.ANSWER_NOT_KEPT, "m"), 409, "invalid_request_error", "request_already_charged"),
                Arguments.of(new CompletionException(CompletionError.RATE_LIMITED_REQUESTS, "m", 0, Optional.of(Duration.ofSeconds(3))), 429, "requests", "rate_limit_exceeded"),
                Arguments.of(new CompletionException(CompletionError.RATE_LIMITED_TOKENS, "m", 0, Optional.of(Duration.ofSeconds(3))), 429, "tokens", "rate_limit_exceeded"),
                Arguments.of(new BadRequestException("m", "model"), 400, "invalid_request_error", null),
                Arguments.of(new IllegalArgumentException("m"), 400, "invalid_request_error", null));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void aRefusalIsAnsweredWithItsStatusInOpenAisShape(RuntimeException refusal, int status, String type, String code)
            throws Exception {
        thrower.next = refusal;
        var result = mvc.perform(get("/throw"))
                .andExpect(status().is(status))
                .andExpect(jsonPath("$.error.message").value("m"))
                .andExpect(jsonPath("$.error.type").value(type));
        if (code == null) {
            result.andExpect(jsonPath("$.error.code").doesNotExist());
        } else {
            result.andExpect(jsonPath("$.error.code").value(code));
        }
    }

    @Test
    void aParameterTheFirewallRefusesWhenTheHandlerReadsItIsA400ThatDoesNotQuoteIt() throws Exception {
        thrower.next = new org.springframework.security.web.firewall.RequestRejectedException(
                "The request was rejected because the parameter: \"page\" has a value \"\u0000secret\"");
        mvc.perform(get("/throw"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error.type").value("invalid_request_error"))
                .andExpect(jsonPath("$.error.code").value("request_rejected"))
                .andExpect(jsonPath("$.error.message").value(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("secret"))));
        assertThat(new RestErrorHandling().handle(thrower.next).getStatusCode().value())
                .as("the mapping other routes (Anthropic's) render in their own shape").isEqualTo(400);
    }

    @Test
    void everyErrorCodeOfEveryContextIsCoveredAbove() {
        Set<Enum<?>> covered = new java.util.HashSet<>();
        refusals().forEach(a -> {
            Object e = a.get()[0];
            if (e instanceof CreditException c) {
                covered.add(c.code());
            } else if (e instanceof KeyringException k) {
                covered.add(k.code());
            } else if (e instanceof IdentityException i) {
                covered.add(i.code());
            } else if (e instanceof CompletionException c) {
                covered.add(c.code());
            }
        });
        Set<Enum<?>> all = new java.util.HashSet<>();
        all.addAll(EnumSet.allOf(CreditError.class));
        all.addAll(EnumSet.allOf(KeyringError.class));
        all.addAll(EnumSet.allOf(IdentityError.class));
        all.addAll(Arrays.asList(CompletionError.values()));
        assertThat(covered).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void aRateLimitCarriesTheUpstreamsRetryAfterInWholeSeconds() throws Exception {
        thrower.next = new CompletionException(CompletionError.UPSTREAM_RATE_LIMITED, "slow down", 429,
                Optional.of(Duration.ofMillis(2_500)));
        mvc.perform(get("/throw")).andExpect(status().is(429)).andExpect(header().string("Retry-After", "2"));
    }

    @Test
    void theAccountsRateLimitRoundsItsRetryAfterUpAndAnyFailureCarriesTheBudgetsOnce() throws Exception {
        RateLimitStatus budgets = new RateLimitStatus(10, 0, Duration.ofMillis(59_200), 10_000, 9_000,
                Duration.ofMinutes(6));
        thrower.next = new FailureWithRateLimits(new CompletionException(CompletionError.RATE_LIMITED_REQUESTS,
                "Rate limit reached", 0, Optional.of(Duration.ofMillis(5_200))), budgets);
        mvc.perform(get("/throw")).andExpect(status().is(429)).andExpect(header().string("Retry-After", "6"))
                .andExpect(jsonPath("$.error.type").value("requests"))
                .andExpect(jsonPath("$.error.param").doesNotExist())
                .andExpect(header().stringValues("x-ratelimit-limit-requests", "10"))
                .andExpect(header().stringValues("x-ratelimit-remaining-requests", "0"))
                .andExpect(header().stringValues("x-ratelimit-reset-requests", "59.2s"))
                .andExpect(header().stringValues("x-ratelimit-limit-tokens", "10000"))
                .andExpect(header().stringValues("x-ratelimit-remaining-tokens", "9000"))
                .andExpect(header().stringValues("x-ratelimit-reset-tokens", "6m0s"));

        thrower.next = new FailureWithRateLimits(new CreditException(CreditError.INSUFFICIENT_CREDITS, "broke"), budgets);
        mvc.perform(get("/throw")).andExpect(status().is(402)).andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.error.code").value("insufficient_credits"))
                .andExpect(header().stringValues("x-ratelimit-remaining-tokens", "9000"));
    }

    @Test
    void aBadRequestNamesItsParameter() throws Exception {
        thrower.next = new BadRequestException("`model` is required", "model");
        mvc.perform(get("/throw")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error.param").value("model"));
    }

    @Test
    void anUnexpectedFailureIsA500ThatRevealsNothing() throws Exception {
        thrower.next = new IllegalStateException("secret sk-live-123 in a stack");
        String body = mvc.perform(get("/throw")).andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.error.type").value("server_error"))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain("sk-live-123").contains("The server had an error");
    }
}
