package dev.switchgear.application.port.out.audit;

import dev.switchgear.domain.shared.AccountId;
import java.util.List;
import java.util.Optional;

/** Every credit account the event store holds a stream for, in a stable order, page by page. */
public interface AccountDirectory {

    /** At most {@code limit} account ids after {@code after} (from the first when empty), in id order. */
    List<AccountId> accounts(Optional<AccountId> after, int limit);
}
