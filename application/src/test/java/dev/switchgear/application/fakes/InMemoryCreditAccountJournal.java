package dev.switchgear.application.fakes;

import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.shared.AccountId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** An event store in memory with the real one's rule: a taken (account, sequence) fails the whole append. */
public class InMemoryCreditAccountJournal implements CreditAccountJournal {

    private final Map<AccountId, List<Recorded>> streams = new HashMap<>();
    private final AtomicInteger failuresToInject = new AtomicInteger();
    private final AtomicInteger appends = new AtomicInteger();

    public void failNextAppends(int count) {
        failuresToInject.set(count);
    }

    public int appendCount() {
        return appends.get();
    }

    @Override
    public synchronized void append(List<Entry> entries) {
        if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("injected failure: the database is down");
        }
        Map<AccountId, Long> next = new HashMap<>();
        for (Entry entry : entries) {
            long expected = next.computeIfAbsent(entry.accountId(), id -> (long) stream(id).size());
            if (entry.sequence() != expected) {
                throw new IllegalStateException("sequence " + entry.sequence() + " of " + entry.accountId()
                        + " is taken or leaves a gap (next is " + expected + ")");
            }
            next.put(entry.accountId(), expected + 1);
        }
        for (Entry entry : entries) {
            stream(entry.accountId()).add(new Recorded(entry.sequence(), entry.payload(), entry.timestamp()));
        }
        appends.incrementAndGet();
    }

    @Override
    public synchronized List<Recorded> read(AccountId accountId, long fromSequence) {
        List<Recorded> stream = streams.getOrDefault(accountId, List.of());
        return List.copyOf(stream.subList((int) Math.min(fromSequence, stream.size()), stream.size()));
    }

    public synchronized List<CreditAccountEvent> payloads(AccountId accountId) {
        return read(accountId, 0).stream().map(Recorded::payload).toList();
    }

    private List<Recorded> stream(AccountId accountId) {
        return streams.computeIfAbsent(accountId, id -> new ArrayList<>());
    }
}
