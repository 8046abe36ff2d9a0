package dev.switchgear.application.fakes;

import dev.switchgear.application.port.out.credit.CreditAccountJournal;
import dev.switchgear.application.port.out.credit.KeptAnswer;
import dev.switchgear.application.port.out.credit.KeptAnswers;
import dev.switchgear.domain.credit.api.CreditAccountEvent;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.RequestId;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An event store in memory with the real one's rule: a taken (account, sequence) fails the whole
 * append, with a {@link Conflict}. Two ledgers on one of these are two nodes on one database. The answers kept with charges are stored with them, in the same append, as the real
 * journal does in the same transaction, and so is the index of charged request ids: a second
 * charge of an id fails the whole append, as the real index's unique key does.
 */
public class InMemoryCreditAccountJournal implements CreditAccountJournal, KeptAnswers,
        dev.switchgear.application.port.out.credit.CreditStreamHeads {

    private final Map<AccountId, List<Recorded>> streams = new HashMap<>();
    private final Map<String, KeptAnswer> answers = new HashMap<>();
    private final AtomicInteger failuresToInject = new AtomicInteger();
    private final AtomicInteger appends = new AtomicInteger();
    private final java.util.Set<String> charged = new java.util.HashSet<>();
    private final AtomicInteger chargeLookups = new AtomicInteger();

    /** How often {@link #hasCharge} was asked. */
    public int chargeLookups() {
        return chargeLookups.get();
    }

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
            if (entry.sequence() < expected) {
                throw new Conflict("sequence " + entry.sequence() + " of " + entry.accountId() + " is taken (next is "
                        + expected + ")", null);
            }
            if (entry.sequence() > expected) {
                throw new IllegalStateException("sequence " + entry.sequence() + " of " + entry.accountId()
                        + " leaves a gap (next is " + expected + ")");
            }
            next.put(entry.accountId(), expected + 1);
        }
        java.util.Set<String> charging = new java.util.HashSet<>();
        for (Entry entry : entries) {
            if (entry.payload() instanceof dev.switchgear.domain.credit.api.UsageCharged charge) {
                String key = chargeKey(entry.accountId(), charge.requestId());
                if (charged.contains(key) || !charging.add(key)) {
                    throw new Conflict("request id " + charge.requestId() + " is charged already", null);
                }
            }
        }
        charged.addAll(charging);
        for (Entry entry : entries) {
            stream(entry.accountId()).add(new Recorded(entry.sequence(), entry.payload(), entry.timestamp()));
            if (entry.answer() != null) {
                answers.put(entry.accountId().value() + "/" + entry.answer().requestId().value(), entry.answer());
            }
        }
        appends.incrementAndGet();
    }

    @Override
    public synchronized boolean hasCharge(AccountId accountId, RequestId requestId) {
        chargeLookups.incrementAndGet();
        return charged.contains(chargeKey(accountId, requestId));
    }

    private static String chargeKey(AccountId accountId, RequestId requestId) {
        return accountId.value() + "/" + requestId.value();
    }

    @Override
    public synchronized List<Recorded> read(AccountId accountId, long fromSequence) {
        List<Recorded> stream = streams.getOrDefault(accountId, List.of());
        return List.copyOf(stream.subList((int) Math.min(fromSequence, stream.size()), stream.size()));
    }

    @Override
    public synchronized Map<AccountId, Long> heads(java.util.Collection<AccountId> accounts) {
        Map<AccountId, Long> heads = new HashMap<>();
        for (AccountId account : accounts) {
            List<Recorded> stream = streams.get(account);
            if (stream != null && !stream.isEmpty()) {
                heads.put(account, stream.get(stream.size() - 1).sequence());
            }
        }
        return heads;
    }

    public synchronized List<CreditAccountEvent> payloads(AccountId accountId) {
        return read(accountId, 0).stream().map(Recorded::payload).toList();
    }

    @Override
    public synchronized Optional<KeptAnswer> find(AccountId accountId, RequestId requestId, Instant now) {
        return Optional.ofNullable(answers.get(accountId.value() + "/" + requestId.value()))
                .filter(answer -> !answer.expiresAt().isBefore(now));
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
        int before = answers.size();
        answers.values().removeIf(answer -> answer.expiresAt().isBefore(now));
        return before - answers.size();
    }

    private List<Recorded> stream(AccountId accountId) {
        return streams.computeIfAbsent(accountId, id -> new ArrayList<>());
    }
}
