package dev.switchgear.adapter.persistence.rebuild;

import dev.switchgear.application.port.out.audit.ProjectionRefused;
import dev.switchgear.application.port.out.audit.ProjectionStatus;
import dev.switchgear.application.port.out.audit.Projections;
import dev.switchgear.application.port.out.audit.ReadModelChecksum;
import dev.switchgear.application.port.out.audit.RebuildOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.jooq.DSLContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Axon's event processors as {@link Projections} (ADR 0025). A processor with declared
 * {@link ReadModelTables} is rebuilt in <b>one database transaction</b>: its tables are locked
 * against writes (readers go on reading the old rows), checksummed, cleared, refilled by reading the
 * event store through the processor's own handler invoker, checksummed again and committed — so the
 * live read model keeps answering with its old content until the rebuilt one replaces it at commit,
 * and a failure leaves it untouched. Every event is handed over as a replay (wrapped in a
 * {@link ReplayToken}), so a handler marked {@code @DisallowReplay} in the group never fires.
 * <ul>
 * <li>A streaming processor (tracking, pooled) is shut down first; the replay stops at its token (the
 * lowest of its segments'), so before and after cover the same events and the checksums are equal
 * when the live model was right; its tokens are stored at that position in the same transaction and
 * it is started again, to go on from there.</li>
 * <li>A subscribing processor (no token) keeps running; the replay goes to the store's head as it was
 * when the tables were locked; a command whose handler writes one of the tables waits for the commit
 * (its event, not yet committed, is applied after on the rebuilt table).</li>
 * <li>A streaming processor with no declared tables is reset with Axon's {@code resetTokens}; its own
 * {@code @ResetHandler} must clear what it writes, and there is no checksum.</li>
 * <li>A processor whose handlers all refuse replays ({@code @DisallowReplay}: Lago, alerts) or a
 * subscribing one with no declared tables is refused: it calls out, or there is nothing to rebuild.
 * So is a streaming processor whose tokens another node holds (the rebuild runs where they are).</li>
 * </ul>
 */
public class AxonProjections implements Projections {

    static final String TRANSACTIONAL_REPLAY = "transactional-replay";
    static final String RESET_TOKENS = "reset-tokens";
    private static final int BATCH = 500;

    private final EventProcessingConfiguration processing;
    private final EventStorageEngine storage;
    private final TokenStore tokens;
    private final TransactionTemplate transaction;
    private final DSLContext db;
    private final ReadModelChecksums checksums;
    private final Map<String, ReadModelTables> readModels;
    private final Set<String> rebuilding = ConcurrentHashMap.newKeySet();

    public AxonProjections(EventProcessingConfiguration processing, EventStorageEngine storage, TokenStore tokens,
                           TransactionTemplate transaction, DSLContext db, List<ReadModelTables> readModels) {
        this.processing = processing;
        this.storage = storage;
        this.tokens = tokens;
        this.transaction = transaction;
        this.db = db;
        this.checksums = new ReadModelChecksums(db);
        this.readModels = readModels.stream().collect(Collectors.toUnmodifiableMap(ReadModelTables::processor,
                Function.identity()));
    }

    @Override
    public List<ProjectionStatus> all() {
        OptionalLong head = head();
        return processing.eventProcessors().values().stream()
                .sorted(Comparator.comparing(EventProcessor::getName))
                .map(p -> status(p, head)).toList();
    }

    @Override
    public Optional<ProjectionStatus> status(String name) {
        return processing.eventProcessor(name).map(p -> status(p, head()));
    }

    /** The read model's checksum now (outside a rebuild), for a caller that wants to compare. */
    public Optional<ReadModelChecksum> checksum(String name) {
        return Optional.ofNullable(readModels.get(name)).map(model -> transaction.execute(s -> checksums.checksum(model)));
    }

    @Override
    public RebuildOutcome rebuild(String name) {
        EventProcessor processor = processing.eventProcessor(name)
                .orElseThrow(() -> new ProjectionRefused(ProjectionRefused.Reason.UNKNOWN_PROJECTION,
                        "no such projection"));
        ProjectionStatus.Kind kind = kind(processor);
        if (kind == ProjectionStatus.Kind.SIDE_EFFECT) {
            throw new ProjectionRefused(ProjectionRefused.Reason.NOT_REBUILDABLE, "processor " + name
                    + " calls out (or feeds nothing to rebuild) and is never replayed");
        }
        if (!rebuilding.add(name)) {
            throw new ProjectionRefused(ProjectionRefused.Reason.REBUILD_RUNNING, "a rebuild of " + name
                    + " is already running");
        }
        try {
            if (kind == ProjectionStatus.Kind.RESET_ONLY) {
                StreamingEventProcessor streaming = (StreamingEventProcessor) processor;
                streaming.shutDown();
                try {
                    streaming.resetTokens();
                } finally {
                    streaming.start();
                }
                return new RebuildOutcome(name, RESET_TOKENS, 0, head().orElse(-1), Optional.empty(), Optional.empty());
            }
            ReadModelTables model = readModels.get(name);
            if (processor instanceof StreamingEventProcessor streaming) {
                streaming.shutDown();
                try {
                    return transaction.execute(s -> rebuildStreaming(name, invoker(processor), model));
                } catch (UnableToClaimTokenException e) {
                    throw new ProjectionRefused(ProjectionRefused.Reason.CLAIMED_ELSEWHERE, "another node holds the "
                            + "tokens of " + name + "; rebuild it there");
                } finally {
                    streaming.start();
                }
            }
            return transaction.execute(s -> rebuildSubscribing(name, invoker(processor), model));
        } finally {
            rebuilding.remove(name);
        }
    }

    /**
     * Each segment is replayed up to its own token (segments split the stream by aggregate, and each
     * may be at another position), so the rebuilt model holds exactly what the live one did; the
     * segments keep their tokens and go on from there.
     */
    private RebuildOutcome rebuildStreaming(String name, EventHandlerInvoker invoker, ReadModelTables model) {
        lock(model);
        ReadModelChecksum before = checksums.checksum(model);
        int[] segments = tokens.fetchSegments(name);
        Map<Segment, TrackingToken> upTo = new LinkedHashMap<>();
        TrackingToken lowest = null;
        boolean unstarted = segments.length == 0;
        for (int segment : segments) {
            TrackingToken token = WrappedToken.unwrapLowerBound(tokens.fetchToken(name, segment));
            if (token == null) {
                unstarted = true;
            } else {
                upTo.put(Segment.computeSegment(segment, segments), token);
                lowest = lowest == null ? token : lowest.lowerBound(token);
            }
        }
        Replayed replayed = replay(model, invoker, upTo);
        for (int segment : segments) {
            tokens.releaseClaim(name, segment);
        }
        ReadModelChecksum after = checksums.checksum(model);
        return new RebuildOutcome(name, TRANSACTIONAL_REPLAY, replayed.events(),
                unstarted ? -1 : position(lowest).orElse(-1), Optional.of(before), Optional.of(after));
    }

    private RebuildOutcome rebuildSubscribing(String name, EventHandlerInvoker invoker, ReadModelTables model) {
        lock(model);
        ReadModelChecksum before = checksums.checksum(model);
        TrackingToken head = storage.createHeadToken();
        Replayed replayed = replay(model, invoker, head == null ? Map.of() : Map.of(Segment.ROOT_SEGMENT, head));
        ReadModelChecksum after = checksums.checksum(model);
        return new RebuildOutcome(name, TRANSACTIONAL_REPLAY, replayed.events(), position(head).orElse(-1),
                Optional.of(before), Optional.of(after));
    }

    /** Writes are locked out of the tables until the transaction ends; reads go on. */
    private void lock(ReadModelTables model) {
        db.execute("lock table " + String.join(", ", model.names()) + " in share row exclusive mode");
    }

    /**
     * Clears the tables (keeping aside what must survive), hands every stored event that the token of
     * its segment covers ({@code upTo}: each segment's token; the invoker says which segment an event
     * belongs to) to the handlers as a replay, in batches, then restores what was kept.
     */
    private Replayed replay(ReadModelTables model, EventHandlerInvoker invoker, Map<Segment, TrackingToken> upTo) {
        for (ReadModelTables.Table table : model.tables()) {
            if (table.keepKey() != null) {
                db.execute("create temporary table " + kept(table) + " on commit drop as select * from " + table.name());
            }
        }
        for (int i = model.tables().size() - 1; i >= 0; i--) {
            db.execute("delete from " + model.tables().get(i).name());
        }
        long handled = 0;
        if (!upTo.isEmpty()) {
            long last = upTo.values().stream().mapToLong(t -> position(t).orElse(Long.MAX_VALUE)).max().orElseThrow();
            try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
                Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
                List<EventMessage<?>> batch = new ArrayList<>(BATCH);
                while (iterator.hasNext()) {
                    TrackedEventMessage<?> event = iterator.next();
                    TrackingToken at = event.trackingToken();
                    if (position(at).orElse(Long.MIN_VALUE) > last) {
                        break;
                    }
                    TrackingToken covering = covering(invoker, event, upTo);
                    if (covering == null) {
                        continue;
                    }
                    batch.add(event.withTrackingToken(new ReplayToken(covering, at)));
                    handled++;
                    if (batch.size() == BATCH) {
                        handle(invoker, batch);
                        batch = new ArrayList<>(BATCH);
                    }
                }
                handle(invoker, batch);
            }
        }
        for (ReadModelTables.Table table : model.tables()) {
            if (table.keepKey() != null) {
                restore(table);
            }
        }
        return new Replayed(handled);
    }

    /** The token of the segment the event belongs to, if it has a handler there and that token covers it; else null. */
    private static TrackingToken covering(EventHandlerInvoker invoker, TrackedEventMessage<?> event,
                                          Map<Segment, TrackingToken> upTo) {
        for (Map.Entry<Segment, TrackingToken> segment : upTo.entrySet()) {
            if (invoker.canHandle(event, segment.getKey())) {
                return segment.getValue().covers(event.trackingToken()) ? segment.getValue() : null;
            }
        }
        return null;
    }

    /** Rows the replay did not write again come back as they were; columns no event writes are carried over. */
    private void restore(ReadModelTables.Table table) {
        String key = table.keepKey();
        db.execute("insert into " + table.name() + " select * from " + kept(table) + " k where not exists (select 1 from "
                + table.name() + " t where t." + key + " = k." + key + ")");
        for (String column : table.notFromEvents()) {
            db.execute("update " + table.name() + " t set " + column + " = k." + column + " from " + kept(table)
                    + " k where t." + key + " = k." + key + " and t." + column + " is distinct from k." + column);
        }
    }

    private static String kept(ReadModelTables.Table table) {
        return "rebuild_kept_" + table.name();
    }

    /** One unit of work per batch, as the processors do, so a projection's batched writes run on prepare-commit. */
    private static void handle(EventHandlerInvoker invoker, List<EventMessage<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            invoker.handle(unitOfWork.getMessage(), Segment.ROOT_SEGMENT);
            return null;
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException e ? e : new IllegalStateException("a replayed event failed", failure);
        }
    }

    private ProjectionStatus status(EventProcessor processor, OptionalLong head) {
        String name = processor.getName();
        ReadModelTables model = readModels.get(name);
        List<String> tables = model == null ? List.of() : model.names();
        if (processor instanceof StreamingEventProcessor streaming) {
            Map<Integer, EventTrackerStatus> segments = streaming.processingStatus();
            OptionalLong position = segments.values().stream()
                    .map(EventTrackerStatus::getCurrentPosition)
                    .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min();
            boolean failing = processor.isError() || segments.values().stream().anyMatch(EventTrackerStatus::isErrorState);
            return new ProjectionStatus(name, mode(processor), kind(processor), processor.isRunning(),
                    streaming.isReplaying(), failing, rebuilding.contains(name), position, head, tables);
        }
        return new ProjectionStatus(name, mode(processor), kind(processor), processor.isRunning(), false,
                processor.isError(), rebuilding.contains(name), OptionalLong.empty(), head, tables);
    }

    private ProjectionStatus.Kind kind(EventProcessor processor) {
        if (!(processor instanceof AbstractEventProcessor known) || !known.eventHandlerInvoker().supportsReset()) {
            return ProjectionStatus.Kind.SIDE_EFFECT;
        }
        if (readModels.containsKey(processor.getName())) {
            return ProjectionStatus.Kind.READ_MODEL;
        }
        return processor instanceof StreamingEventProcessor ? ProjectionStatus.Kind.RESET_ONLY
                : ProjectionStatus.Kind.SIDE_EFFECT;
    }

    private static String mode(EventProcessor processor) {
        if (processor instanceof SubscribingEventProcessor) {
            return "subscribing";
        }
        if (processor instanceof PooledStreamingEventProcessor) {
            return "pooled";
        }
        if (processor instanceof TrackingEventProcessor) {
            return "tracking";
        }
        return processor.getClass().getSimpleName();
    }

    private static EventHandlerInvoker invoker(EventProcessor processor) {
        if (processor instanceof AbstractEventProcessor known) {
            return known.eventHandlerInvoker();
        }
        throw new ProjectionRefused(ProjectionRefused.Reason.NOT_REBUILDABLE, "processor " + processor.getName()
                + " is of a kind this gateway cannot replay");
    }

    private OptionalLong head() {
        return position(storage.createHeadToken());
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }

    private record Replayed(long events) {
    }
}
