package dev.switchgear.domain.credit;

import static dev.switchgear.domain.Refusals.creditRefusal;

import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.ApiKeyIssued;
import dev.switchgear.domain.credit.api.ApiKeyRevoked;
import dev.switchgear.domain.credit.api.ChangeTier;
import dev.switchgear.domain.credit.api.IssueApiKey;
import dev.switchgear.domain.credit.api.RateLimitsSet;
import dev.switchgear.domain.credit.api.RevokeApiKey;
import dev.switchgear.domain.credit.api.SetRateLimits;
import dev.switchgear.domain.credit.api.TierChanged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account's tier, its rate-limit overrides and its gateway API keys. */
class AccountIdentityTest {

    private static final AccountId ACCOUNT = AccountId.of(UUID.fromString("0d5f7f3a-1b7e-4f0b-9a51-5a9f2b1c3d4e"));
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final AccountOpened OPENED = new AccountOpened(ACCOUNT, "Acme", Tier.FREE, T0);
    private static final String HASH = "0123456789abcdef".repeat(4);

    private FixtureConfiguration<CreditAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CreditAccount.class);
    }

    @Test
    void aTierChangeNamesTheTierItLeaves() {
        fixture.given(OPENED)
                .when(new ChangeTier(ACCOUNT, Tier.STARTER, T1))
                .expectEvents(new TierChanged(ACCOUNT, Tier.STARTER, Tier.FREE, T1));
    }

    @Test
    void theSameTierAgainChangesNothing() {
        fixture.given(OPENED, new TierChanged(ACCOUNT, Tier.STARTER, Tier.FREE, T0))
                .when(new ChangeTier(ACCOUNT, Tier.STARTER, T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rateLimitsCanBeOverriddenAndReturnedToTheTier() {
        fixture.given(OPENED, new RateLimitsSet(ACCOUNT, 50, 5_000L, T0))
                .when(new SetRateLimits(ACCOUNT, null, null, T1))
                .expectEvents(new RateLimitsSet(ACCOUNT, null, null, T1));
    }

    @Test
    void aRateLimitBelowOneIsRefused() {
        fixture.given(OPENED)
                .when(new SetRateLimits(ACCOUNT, 0, null, T1))
                .expectNoEvents()
                .expectException(creditRefusal(CreditError.INVALID_LIMIT));
    }

    @Test
    void issuingAKeyRecordsItsHashNeverTheKey() {
        fixture.given(OPENED)
                .when(new IssueApiKey(ACCOUNT, "k1", " ci ", "sg-Ab12", HASH, T1.plusSeconds(3600), T1))
                .expectEvents(new ApiKeyIssued(ACCOUNT, "k1", "ci", "sg-Ab12", HASH, T1.plusSeconds(3600), T1));
    }

    @Test
    void aKeyThatWouldExpireBeforeItIsIssuedIsRefused() {
        fixture.given(OPENED)
                .when(new IssueApiKey(ACCOUNT, "k1", null, "sg-Ab12", HASH, T1, T1))
                .expectNoEvents()
                .expectException(creditRefusal(CreditError.INVALID_API_KEY));
    }

    @Test
    void aKeyIdIsIssuedOnceEvenAfterItsRevocation() {
        fixture.given(OPENED, new ApiKeyIssued(ACCOUNT, "k1", null, "sg-Ab12", HASH, null, T0),
                        new ApiKeyRevoked(ACCOUNT, "k1", T0))
                .when(new IssueApiKey(ACCOUNT, "k1", null, "sg-Ab12", HASH, null, T1))
                .expectNoEvents()
                .expectException(creditRefusal(CreditError.INVALID_API_KEY));
    }

    @Test
    void somethingThatIsNotAHashIsNeverStored() {
        fixture.given(OPENED)
                .when(new IssueApiKey(ACCOUNT, "k1", null, "sg-Ab12", "sg-plaintext-key", null, T1))
                .expectNoEvents()
                .expectException(creditRefusal(CreditError.INVALID_API_KEY));
    }

    @Test
    void anAccountHoldsAtMostAHundredLiveKeys() {
        List<Object> history = new ArrayList<>();
        history.add(OPENED);
        for (int i = 0; i < AccountKeys.MAX_LIVE_KEYS; i++) {
            history.add(new ApiKeyIssued(ACCOUNT, "k" + i, null, "sg-Ab12", HASH, null, T0));
        }
        fixture.given(history)
                .when(new IssueApiKey(ACCOUNT, "one-more", null, "sg-Ab12", HASH, null, T1))
                .expectNoEvents()
                .expectException(creditRefusal(CreditError.TOO_MANY_API_KEYS));
    }

    @Test
    void aLiveKeyIsRevoked() {
        fixture.given(OPENED, new ApiKeyIssued(ACCOUNT, "k1", null, "sg-Ab12", HASH, null, T0))
                .when(new RevokeApiKey(ACCOUNT, "k1", T1))
                .expectEvents(new ApiKeyRevoked(ACCOUNT, "k1", T1));
    }

    @Test
    void aKeyIsRevokedOnce() {
        fixture.given(OPENED, new ApiKeyIssued(ACCOUNT, "k1", null, "sg-Ab12", HASH, null, T0),
                        new ApiKeyRevoked(ACCOUNT, "k1", T0))
                .when(new RevokeApiKey(ACCOUNT, "k1", T1))
                .expectNoEvents()
                .expectException(creditRefusal(CreditError.API_KEY_NOT_FOUND));
    }

    @Test
    void anUnknownKeyCannotBeRevoked() {
        fixture.given(OPENED)
                .when(new RevokeApiKey(ACCOUNT, "nope", T1))
                .expectNoEvents()
                .expectException(creditRefusal(CreditError.API_KEY_NOT_FOUND));
    }
}
