package io.sinkline.core.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void noneGivesUpAtTheFirstFailure() {
        RetryPolicy.Attempts attempts = RetryPolicy.none().start();
        assertThat(attempts.nextDelay()).isEmpty();
        assertThat(attempts.retries()).isZero();
    }

    @Test
    void backoffRetriesThreeTimesTenToTwentySecondsApart() {
        RetryPolicy policy = RetryPolicy.backoff(3, Duration.ofSeconds(10), Duration.ofSeconds(20));
        RetryPolicy.Attempts attempts = policy.start();

        List<Duration> delays = drain(attempts);

        assertThat(delays).hasSize(3)
                .allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20)));
        assertThat(attempts.nextDelay()).as("still given up").isEmpty();
    }

    @Test
    void backoffDelaysAreSpreadOverTheWholeRange() {
        SplittableRandom seeded = new SplittableRandom(42);
        RetryPolicy policy = RetryPolicy.backoff(3, Duration.ofSeconds(10), Duration.ofSeconds(20)).withRandom(() -> seeded);
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            delays.addAll(drain(policy.start()));
        }

        assertThat(delays).hasSize(1500)
                .allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20)));
        assertThat(delays).anySatisfy(d -> assertThat(d).isLessThan(Duration.ofSeconds(11)));
        assertThat(delays).anySatisfy(d -> assertThat(d).isGreaterThan(Duration.ofSeconds(19)));
    }

    @Test
    void exponentialDecayDoublesFromOneSecondToTheCapFor176Retries() {
        ManualClock clock = new ManualClock();
        RetryPolicy policy = RetryPolicy.exponentialDecay(Duration.ofSeconds(1), Duration.ofSeconds(512), 176, Duration.ofDays(1))
                .withClock(clock);
        RetryPolicy.Attempts attempts = policy.start();

        List<Duration> delays = new ArrayList<>();
        Optional<Duration> delay;
        while ((delay = attempts.nextDelay()).isPresent()) {
            delays.add(delay.get());
            clock.advance(delay.get()); // the task waits the delay; the attempt itself takes no time here
        }

        assertThat(delays).hasSize(176);
        assertThat(delays.subList(0, 11)).extracting(Duration::toSeconds)
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 512L);
        assertThat(delays.subList(9, 176)).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofSeconds(512)));
        Duration total = delays.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(total).isEqualTo(Duration.ofSeconds(1023 + 166 * 512)).isLessThanOrEqualTo(Duration.ofDays(1));
    }

    @Test
    void exponentialDecayStopsAtOneDayWhenAttemptsTakeTime() {
        ManualClock clock = new ManualClock();
        RetryPolicy policy = RetryPolicy.defaults(RetryPolicy.Kind.EXPONENTIAL_DECAY).withClock(clock);
        RetryPolicy.Attempts attempts = policy.start();

        Duration elapsed = Duration.ZERO;
        Optional<Duration> delay;
        while ((delay = attempts.nextDelay()).isPresent()) {
            Duration attemptAndWait = delay.get().plusSeconds(60); // each write attempt times out after a minute
            clock.advance(attemptAndWait);
            elapsed = elapsed.plus(attemptAndWait);
        }

        assertThat(attempts.retries()).isLessThan(176).isGreaterThan(100);
        assertThat(elapsed.minusSeconds(60)).as("the last retry started within the day").isLessThanOrEqualTo(Duration.ofDays(1));
    }

    @Test
    void eachFailedWriteGetsItsOwnSequence() {
        RetryPolicy policy = RetryPolicy.exponentialDecay(Duration.ofSeconds(1), Duration.ofSeconds(8), 3, Duration.ofHours(1));
        assertThat(drain(policy.start())).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L);
        assertThat(drain(policy.start())).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L);
    }

    @Test
    void defaultsAreSeed000s() {
        assertThat(RetryPolicy.defaults(RetryPolicy.Kind.NONE).maxRetries()).isZero();
        RetryPolicy backoff = RetryPolicy.defaults(RetryPolicy.Kind.BACKOFF);
        assertThat(backoff.maxRetries()).isEqualTo(3);
        assertThat(drain(backoff.start())).allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20)));
        assertThat(RetryPolicy.defaults(RetryPolicy.Kind.EXPONENTIAL_DECAY).maxRetries()).isEqualTo(176);
        assertThat(RetryPolicy.defaults(RetryPolicy.Kind.EXPONENTIAL_DECAY).toString())
                .contains("PT1S", "PT8M32S", "176", "PT24H");
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> RetryPolicy.backoff(-1, Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.backoff(3, Duration.ofSeconds(20), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min <= max");
        assertThatThrownBy(() -> RetryPolicy.exponentialDecay(Duration.ZERO, Duration.ofSeconds(10), 3, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Duration> drain(RetryPolicy.Attempts attempts) {
        List<Duration> delays = new ArrayList<>();
        Optional<Duration> delay;
        while ((delay = attempts.nextDelay()).isPresent()) {
            delays.add(delay.get());
        }
        return delays;
    }
}
