package io.sinkline.core.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class ErrorHandlerTest {

    private final RecordingReporter reporter = new RecordingReporter();
    private final FailedRecord failed = new FailedRecord(Records.stringRecord("orders", 2, 17, "k", "{bad json"),
            "the value is not valid JSON", new IllegalStateException("Unexpected end of input"));

    @Test
    void toleranceNoneFailsTheTaskNamingTheRecordAndTheReason() {
        ErrorHandler handler = new ErrorHandler(ErrorTolerance.NONE, reporter);

        assertThatThrownBy(() -> handler.handle(failed))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("orders-2@17")
                .hasMessageContaining("the value is not valid JSON")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(reporter.reported).isEmpty();
    }

    @Test
    void toleranceAllHandsTheRecordToTheReporter() {
        ErrorHandler handler = new ErrorHandler(ErrorTolerance.ALL, reporter);

        CompletableFuture<Void> done = handler.handle(failed);

        assertThat(done).isCompleted();
        assertThat(reporter.reported).containsExactly(failed);
    }

    @Test
    void onceAReportWasLostTheHandlerFailsTheTask() {
        ErrorHandler handler = new ErrorHandler(ErrorTolerance.ALL, reporter);
        handler.throwIfFailed();
        reporter.lost = new ConnectException("1 failed record(s) could not be reported");

        assertThatThrownBy(handler::throwIfFailed).isSameAs(reporter.lost);
        assertThatThrownBy(() -> handler.handle(failed)).isSameAs(reporter.lost);
        assertThat(reporter.reported).isEmpty();
    }

    @Test
    void flushAndCloseReachTheReporter() {
        ErrorHandler handler = new ErrorHandler(ErrorTolerance.ALL, reporter);
        handler.flush();
        handler.close();
        assertThat(reporter.flushes).isEqualTo(1);
        assertThat(reporter.closed).isTrue();
    }

    @Test
    void aHandlerWithoutAReporterIsRefused() {
        assertThatThrownBy(() -> new ErrorHandler(ErrorTolerance.ALL, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void toleranceParsesConnectsValuesInAnyCase() {
        assertThat(ErrorTolerance.parse("errors.tolerance", "all")).isEqualTo(ErrorTolerance.ALL);
        assertThat(ErrorTolerance.parse("errors.tolerance", " NONE ")).isEqualTo(ErrorTolerance.NONE);
        assertThat(ErrorTolerance.ALL.configValue()).isEqualTo("all");
        assertThatThrownBy(() -> ErrorTolerance.parse("runtime.error.tolerance", "some"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("runtime.error.tolerance")
                .hasMessageContaining("none, all");
    }

    @Test
    void aFailedRecordNeedsAReason() {
        assertThatThrownBy(() -> new FailedRecord(Records.stringRecord("t", 0, 0, null, null), " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static final class RecordingReporter implements ErrorReporter {
        final List<FailedRecord> reported = new ArrayList<>();
        int flushes;
        boolean closed;
        ConnectException lost;

        @Override
        public void throwIfFailed() {
            if (lost != null) {
                throw lost;
            }
        }

        @Override
        public CompletableFuture<Void> report(FailedRecord f) {
            reported.add(f);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
