package dev.switchgear.application.service.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.InMemoryCreditAccountCommands;
import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.application.fakes.InMemoryIdentityStores;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.in.identity.IssueApiKeyUseCase;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.credit.api.OpenAccount;
import dev.switchgear.domain.shared.Tier;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiKeyServiceTest {

    private final Clock clock = Clock.systemUTC();
    private final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();
    private final InMemoryCreditAccountCommands commands = new InMemoryCreditAccountCommands(journal);
    private final CreditLedger ledger = new CreditLedger(journal, commands, clock, 10);
    private final InMemoryIdentityStores stores = new InMemoryIdentityStores();
    private final ApiKeyService service = new ApiKeyService(stores, stores, ledger.standings(), clock, UUID::randomUUID);

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void aGeneratedAdminKeyIsShownOnceAndStoredOnlyAsItsHash() {
        Optional<String> generated = service.initialiseAdminKey(Optional.empty());
        assertThat(generated).isPresent();
        assertThat(stores.adminKeyHash()).hasValueSatisfying(hash -> assertThat(hash).hasSize(64)
                .isNotEqualTo(generated.get()));
        assertThat(service.initialiseAdminKey(Optional.empty())).isEmpty();
        assertThat(service.authenticate(generated.get())).contains(Caller.administrator());
    }

    @Test
    void aConfiguredAdminKeyReplacesTheStoredOne() {
        String old = service.initialiseAdminKey(Optional.empty()).orElseThrow();
        service.initialiseAdminKey(Optional.of("configured-admin-key-123"));
        assertThat(service.authenticate("configured-admin-key-123")).contains(Caller.administrator());
        assertThat(service.authenticate(old)).isEmpty();
        assertThatThrownBy(() -> service.initialiseAdminKey(Optional.of("short")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIssuedKeyAuthenticatesItsAccountAndIsStoredOnlyAsAHash() {
        service.initialiseAdminKey(Optional.of("configured-admin-key-123"));
        AccountId account = AccountId.of(UUID.randomUUID());
        commands.send(new OpenAccount(account, "t", Tier.FREE, clock.instant()));

        IssueApiKeyUseCase.IssuedApiKey issued = service.issue(Caller.administrator(), account);

        assertThat(issued.key()).startsWith("sg-").hasSizeGreaterThan(40);
        assertThat(issued.toString()).doesNotContain(issued.key());
        assertThat(stores.storedHashes().keySet()).noneMatch(hash -> hash.contains(issued.key()));
        assertThat(service.authenticate(issued.key())).contains(Caller.of(account));
        assertThat(service.authenticate(issued.key() + "x")).isEmpty();
        assertThat(service.authenticate("")).isEmpty();
        assertThat(service.authenticate(null)).isEmpty();
    }

    @Test
    void onlyTheAdminIssuesKeysAndOnlyForExistingAccounts() {
        AccountId account = AccountId.of(UUID.randomUUID());
        commands.send(new OpenAccount(account, "t", Tier.FREE, clock.instant()));
        assertThatThrownBy(() -> service.issue(Caller.of(account), account)).isInstanceOf(IdentityException.class);
        assertThatThrownBy(() -> service.issue(Caller.administrator(), AccountId.of(UUID.randomUUID())))
                .isInstanceOf(CreditException.class);
    }
}
