package io.sinkline.emulator.maxcompute.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TunnelSessionsTest {

    private Instant now = Instant.parse("2026-12-06T00:00:00Z");
    private final List<String> expired = new ArrayList<>();
    private final TunnelSessions<String> sessions = new TunnelSessions<>(() -> now, Duration.ofHours(24), expired::add);

    private void advance(Duration d) {
        now = now.plus(d);
    }

    @Test
    void aSessionIsFoundUntilItsLifetimeEnds() {
        sessions.add("a", "session a");
        advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(sessions.get("a")).isEqualTo("session a");
        assertThat(sessions.get("unknown")).isNull();

        advance(Duration.ofSeconds(1));
        assertThat(sessions.get("a")).isNull();
        assertThat(expired).containsExactly("session a");
        assertThat(sessions.size()).isZero();
    }

    @Test
    void expiredSessionsAreForgottenWhenTheNextIsOpenedEvenIfNobodyAsksForThem() {
        sessions.add("a", "session a");
        advance(Duration.ofHours(1));
        sessions.add("b", "session b");
        advance(Duration.ofHours(23));
        sessions.add("c", "session c"); // a's day is over, b's is not

        assertThat(expired).containsExactly("session a");
        assertThat(sessions.size()).isEqualTo(2);
        assertThat(sessions.get("b")).isEqualTo("session b");

        advance(Duration.ofHours(2));
        sessions.add("d", "session d");
        assertThat(expired).containsExactly("session a", "session b");
        assertThat(sessions.size()).isEqualTo(2);
    }
}
