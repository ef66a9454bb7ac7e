package io.sinkline.emulator.maxcompute.tunnel;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The open Tunnel sessions of one kind by id. A session lives for a fixed time after its creation, as on the service
 * (24 hours); after that it is refused like an unknown one and forgotten, with {@code onExpiry} releasing what it
 * still holds (an uncommitted upload's staging table). Without this a long-running emulator kept every session it
 * ever opened: a sink opens one per partition and flush, a query's download session holds the whole result.
 *
 * @param <S> the session
 */
final class TunnelSessions<S> {

    private final InstantSource clock;
    private final Duration lifetime;
    private final Consumer<S> onExpiry;
    private final Map<String, Open<S>> byId = new ConcurrentHashMap<>();
    // Sessions in creation order, which with one lifetime for all is also their order of expiry.
    private final Queue<Open<S>> byAge = new ConcurrentLinkedQueue<>();

    private record Open<S>(String id, S session, Instant expires) {
    }

    /** {@code lifetime}: positive, as {@code MaxComputeEmulatorOptions} checks. */
    TunnelSessions(InstantSource clock, Duration lifetime, Consumer<S> onExpiry) {
        this.clock = clock;
        this.lifetime = lifetime;
        this.onExpiry = onExpiry;
    }

    void add(String id, S session) {
        Instant now = clock.instant();
        forgetExpired(now);
        Open<S> open = new Open<>(id, session, now.plus(lifetime));
        byId.put(id, open);
        byAge.add(open);
    }

    /** The session, or null when there is none of that id or it has expired. */
    S get(String id) {
        Open<S> open = byId.get(id);
        if (open == null) {
            return null;
        }
        if (!clock.instant().isBefore(open.expires())) {
            forgetExpired(clock.instant());
            return null;
        }
        return open.session();
    }

    /** Sessions held, expired ones not yet forgotten included. */
    int size() {
        return byId.size();
    }

    private void forgetExpired(Instant now) {
        Open<S> oldest;
        while ((oldest = byAge.peek()) != null && !now.isBefore(oldest.expires())) {
            if (byAge.remove(oldest) && byId.remove(oldest.id(), oldest)) {
                onExpiry.accept(oldest.session());
            }
        }
    }
}
