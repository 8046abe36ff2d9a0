package dev.switchgear.domain.credit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.AdoptLegacyPreferences;
import dev.switchgear.domain.credit.api.ByokPreferenceSet;
import dev.switchgear.domain.credit.api.ChoosePowerLevel;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.credit.api.PowerLevelChosen;
import dev.switchgear.domain.credit.api.SetByokPreference;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.shared.Tier;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routing preferences that are an account's own: its power level and its BYOK preference. */
class AccountPreferencesTest {

    private static final AccountId ACCOUNT = AccountId.of(UUID.randomUUID());
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final AccountOpened OPENED = new AccountOpened(ACCOUNT, "Acme", Tier.STARTER, T0);

    private FixtureConfiguration<CreditAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CreditAccount.class);
    }

    @Test
    void anAccountChoosesItsPowerLevel() {
        fixture.given(OPENED)
                .when(new ChoosePowerLevel(ACCOUNT, PowerLevel.ECO, T0))
                .expectEvents(new PowerLevelChosen(ACCOUNT, PowerLevel.ECO, T0));
    }

    @Test
    void aPowerLevelIsRequired() {
        fixture.given(OPENED)
                .when(new ChoosePowerLevel(ACCOUNT, null, T0))
                .expectNoEvents()
                .expectException(new org.hamcrest.TypeSafeMatcher<Throwable>() {
                    @Override
                    protected boolean matchesSafely(Throwable e) {
                        return e instanceof CreditException c && c.code() == CreditError.INVALID_PREFERENCE;
                    }

                    @Override
                    public void describeTo(org.hamcrest.Description description) {
                        description.appendText("a CreditException with code INVALID_PREFERENCE");
                    }
                });
    }

    @Test
    void anAccountSetsItsByokPreference() {
        fixture.given(OPENED)
                .when(new SetByokPreference(ACCOUNT, false, T0))
                .expectEvents(new ByokPreferenceSet(ACCOUNT, false, T0));
    }

    @Test
    void anAccountThatChoseNothingIsBalancedAndPrefersItsOwnKeys() {
        CreditPosition position = CreditPosition.opened(OPENED);
        assertThat(position.powerLevel()).isEqualTo(PowerLevel.BALANCED);
        assertThat(position.prefersByok()).isTrue();
        assertThat(position.hasChosenPowerLevel()).isFalse();
        assertThat(position.hasSetByokPreference()).isFalse();
    }

    @Test
    void replayingTheHistoryGivesTheLastChoices() {
        List<CreditAccountEvent> history = List.of(OPENED,
                new PowerLevelChosen(ACCOUNT, PowerLevel.PRECISION, T0),
                new ByokPreferenceSet(ACCOUNT, false, T0),
                new PowerLevelChosen(ACCOUNT, PowerLevel.ECO, T0.plusSeconds(1)));
        CreditPosition position = CreditPosition.replay(history);
        assertThat(position.powerLevel()).isEqualTo(PowerLevel.ECO);
        assertThat(position.prefersByok()).isFalse();
        assertThat(position.hasChosenPowerLevel()).isTrue();
        assertThat(position.hasSetByokPreference()).isTrue();
    }

    @Test
    void legacyPreferencesAreAdoptedOnlyWhereTheAccountChoseNoneOfItsOwn() {
        AdoptLegacyPreferences legacy = new AdoptLegacyPreferences(ACCOUNT, PowerLevel.PRECISION, T0, false, T0);
        fixture.given(OPENED).when(legacy).expectEvents(new PowerLevelChosen(ACCOUNT, PowerLevel.PRECISION, T0),
                new ByokPreferenceSet(ACCOUNT, false, T0));
        fixture.given(OPENED, new PowerLevelChosen(ACCOUNT, PowerLevel.ECO, T0.plusSeconds(5))).when(legacy)
                .expectEvents(new ByokPreferenceSet(ACCOUNT, false, T0));
        fixture.given(OPENED, new PowerLevelChosen(ACCOUNT, PowerLevel.PRECISION, T0),
                new ByokPreferenceSet(ACCOUNT, false, T0)).when(legacy).expectNoEvents();
        fixture.given(OPENED).when(new AdoptLegacyPreferences(ACCOUNT, null, null, null, null)).expectNoEvents();
    }
}
