package dev.switchgear.adapter.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.application.fakes.InMemoryUsageReadModel;
import dev.switchgear.application.port.in.credit.AccountEvent;
import dev.switchgear.application.port.in.credit.AccountSummary;
import dev.switchgear.application.port.in.credit.ManageAccountsUseCase;
import dev.switchgear.application.port.in.identity.AuthenticateUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.usage.QueryUsageUseCase;
import dev.switchgear.application.service.usage.UsageQueryService;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.shared.Tier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.test.tester.WebGraphQlTester;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The GraphQL adapter as the web layer runs it (its authentication interceptor on the request's
 * headers, its resolvers and error mapping); usage
 * comes from the real query service over the in-memory read model, accounts from an in-memory use
 * case. An account key sees only its own account; the administrator sees any.
 */
@SpringBootTest(classes = AnalyticsControllerTest.Wiring.class)
class AnalyticsControllerTest {

    static final AccountId ALICE = AccountId.of(UUID.randomUUID());
    static final AccountId BOB = AccountId.of(UUID.randomUUID());
    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({AnalyticsController.class, GraphQlConfiguration.class})
    static class Wiring {

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

        @Bean
        AuthenticateUseCase authenticate() {
            Map<String, Caller> keys = Map.of("sg-alice", Caller.of(ALICE), "sg-bob", Caller.of(BOB),
                    "sg-admin", Caller.administrator());
            return token -> Optional.ofNullable(keys.get(token));
        }

        @Bean
        QueryUsageUseCase usage() {
            InMemoryUsageReadModel readModel = new InMemoryUsageReadModel();
            readModel.on(new UsageCharged(ALICE, new RequestId("alice-1"), "sim-echo", "simulator", 10, 20, false,
                    150_000, 600_000, MicroCredits.of(13_500), MicroCredits.of(13_500), MicroCredits.ZERO,
                    MicroCredits.of(986_500), NOW.minusSeconds(60)));
            return new UsageQueryService(readModel, 100);
        }

        @Bean
        ManageAccountsUseCase accounts() {
            return new ManageAccountsUseCase() {
                @Override
                public AccountSummary summary(Caller caller, AccountId accountId) {
                    if (!caller.canSee(accountId) || !(accountId.equals(ALICE) || accountId.equals(BOB))) {
                        throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
                    }
                    return new AccountSummary(accountId, accountId.equals(ALICE) ? "alice" : "bob", Tier.STARTER,
                            MicroCredits.of(986_500), MicroCredits.ZERO);
                }

                @Override
                public AccountId open(Caller caller, String name, Tier tier) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public MicroCredits grant(Caller caller, AccountId accountId, MicroCredits amount, String reason) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public List<AccountEvent> history(Caller caller, AccountId accountId) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public List<AccountEvent> history(Caller caller, AccountId accountId, long fromSequence, int limit) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public long lastSequence(Caller caller, AccountId accountId) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public AccountSummary setMonthlyCap(Caller caller, AccountId accountId, Optional<MicroCredits> cap) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public AccountSummary setLowBalanceThreshold(Caller caller, AccountId accountId,
                                                             Optional<MicroCredits> threshold) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public CreditOutlook outlook(Caller caller, AccountId accountId) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public MicroCredits refund(Caller caller, AccountId accountId, MicroCredits amount, String reason) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }

    @Autowired
    WebGraphQlHandler handler;

    @Autowired
    AuthenticateUseCase authenticate;

    @BeforeEach
    @AfterEach
    void nobodySignedIn() {
        SecurityContextHolder.clearContext();
    }

    /**
     * A request as the security filter chain hands it on (ADR 0013): the key's caller, if the key
     * is known, is the authenticated principal of the thread's security context.
     */
    private WebGraphQlTester as(String key) {
        SecurityContextHolder.clearContext();
        authenticate.authenticate(key).ifPresent(caller -> SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(caller, null, List.of())));
        return WebGraphQlTester.builder(handler).header("Authorization", "Bearer " + key).build();
    }

    @Test
    void anAccountReadsItsOwnAccountExactly() {
        as("sg-alice").document("{ account(id: \"" + ALICE.value() + "\") { id name tier balance balanceMicroCredits } }")
                .execute()
                .path("account.name").entity(String.class).isEqualTo("alice")
                .path("account.balance").entity(String.class).isEqualTo("0.986500")
                .path("account.balanceMicroCredits").entity(Long.class).isEqualTo(986_500L);
    }

    @Test
    void anotherAccountsIdIsNotFound() {
        as("sg-bob").document("{ account(id: \"" + ALICE.value() + "\") { name } }").execute()
                .errors().satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.NOT_FOUND);
                });
        as("sg-bob").document("{ usage(accountId: \"" + ALICE.value() + "\") { rows { requestId } } }").execute()
                .errors().satisfy(errors -> assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.NOT_FOUND));
    }

    @Test
    void usageIsReadForOnesOwnAccountAndByTheAdministrator() {
        for (String key : List.of("sg-alice", "sg-admin")) {
            as(key).document("{ usage(accountId: \"" + ALICE.value() + "\") { rows { requestId charged chargedMicroCredits } "
                            + "totals { requests inputTokens outputTokens charged } truncated } }")
                    .execute()
                    .path("usage.rows[0].requestId").entity(String.class).isEqualTo("alice-1")
                    .path("usage.rows[0].chargedMicroCredits").entity(Long.class).isEqualTo(13_500L)
                    .path("usage.totals.requests").entity(Long.class).isEqualTo(1L)
                    .path("usage.totals.charged").entity(String.class).isEqualTo("0.013500")
                    .path("usage.truncated").entity(Boolean.class).isEqualTo(false);
        }
    }

    /**
     * {@code providers} has no resolver in this wiring (the dashboard's controller is not imported):
     * only the field authorization can answer it with UNAUTHORIZED.
     */
    @Test
    void everyQueryFieldNeedsACallerEvenWhenItsResolverDoesNotCheck() {
        WebGraphQlTester.builder(handler).build().document("{ providers { id } }").execute()
                .errors().satisfy(errors -> assertThat(errors).extracting(e -> e.getErrorType())
                        .containsExactly(ErrorType.UNAUTHORIZED));
    }

    @Test
    void withoutAValidKeyNothingIsAnswered() {
        WebGraphQlTester.builder(handler).build().document("{ account(id: \"" + ALICE.value() + "\") { name } }").execute()
                .errors().satisfy(errors -> assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.UNAUTHORIZED));
        as("sg-unknown").document("{ account(id: \"" + ALICE.value() + "\") { name } }").execute()
                .errors().satisfy(errors -> assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.UNAUTHORIZED));
    }

    @Test
    void badArgumentsAreBadRequests() {
        as("sg-alice").document("{ usage(accountId: \"" + ALICE.value() + "\", from: \"yesterday\") { truncated } }")
                .execute()
                .errors().satisfy(errors -> {
                    assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
                    assertThat(errors.get(0).getMessage()).contains("ISO-8601");
                });
        as("sg-alice").document("{ account(id: \"not-an-id\") { name } }").execute()
                .errors().satisfy(errors -> {
                    assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
                    assertThat(errors.get(0).getExtensions()).containsEntry("argument", "id");
                });
    }
}
