package dev.switchgear.application.port.out.notify;

import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import java.time.Instant;

/** Tells the outside world about an account (the low-balance alert): the log, a webhook. */
public interface AccountNotifier {

    void lowBalance(AccountId account, MicroCredits balance, MicroCredits threshold, Instant at);
}
