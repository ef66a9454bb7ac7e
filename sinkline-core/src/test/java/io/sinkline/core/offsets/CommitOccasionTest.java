package io.sinkline.core.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommitOccasionTest {

    @Test
    void aCallerThatIsNotConnectsPeriodicCommitCountsAsClosingSoPreCommitWaits() {
        assertThat(CommitOccasion.isPeriodic()).isFalse();
    }
}
