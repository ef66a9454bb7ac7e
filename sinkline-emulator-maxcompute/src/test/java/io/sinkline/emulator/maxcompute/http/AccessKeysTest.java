package io.sinkline.emulator.maxcompute.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;


class AccessKeysTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aTemporaryKeyIsFoundUntilItExpiresAndThePermanentOneAlways() {
        ManualClock clock = new ManualClock();
        AccessKeys keys = new AccessKeys("ak", "secret", clock);
        AccessKeys.AccessKey issued = keys.issue(Duration.ofMinutes(15));

        assertThat(keys.find(issued.id())).contains(issued);
        assertThat(issued.temporary()).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(15)).minusSeconds(1);
        assertThat(keys.find(issued.id())).isPresent();
        clock.now = clock.now.plusSeconds(1);
        assertThat(keys.find(issued.id())).isEmpty();
        assertThat(keys.find("ak")).contains(keys.permanent());
        assertThat(keys.find("unknown")).isEmpty();
        assertThat(keys.issuedCount()).isEqualTo(1);
    }
}
