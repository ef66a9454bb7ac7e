package io.sinkline.core.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoggingErrorReporterTest {

    private final Capture capture = new Capture();
    private final Logger logger = (Logger) LogManager.getLogger(LoggingErrorReporter.class);
    private Level previousLevel;

    @BeforeEach
    void attach() {
        capture.start();
        previousLevel = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.addAppender(capture);
    }

    @AfterEach
    void detach() {
        logger.removeAppender(capture);
        logger.setLevel(previousLevel);
        capture.stop();
    }

    @Test
    void warnsWithCoordinatesAndReasonButNeverTheRecordsContent() {
        FailedRecord failed = new FailedRecord(
                Records.stringRecord("accounts", 1, 5, "user-key-123", "{\"password\":\"s3cr3t-value\"}"),
                "primary key column 'id' is missing", new IllegalArgumentException("no field id"));

        assertThat(new LoggingErrorReporter().report(failed)).isCompleted();

        LogEvent warn = capture.events.stream().filter(e -> e.getLevel() == Level.WARN).findFirst().orElseThrow();
        String message = warn.getMessage().getFormattedMessage();
        assertThat(message).contains("accounts-1@5", "primary key column 'id' is missing",
                IllegalArgumentException.class.getName(), "no field id");
        assertThat(capture.events).allSatisfy(e -> assertThat(e.getMessage().getFormattedMessage())
                .doesNotContain("s3cr3t-value").doesNotContain("user-key-123"));
    }

    private static final class Capture extends AbstractAppender {
        final List<LogEvent> events = new CopyOnWriteArrayList<>();

        Capture() {
            super("capture", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            events.add(event.toImmutable());
        }
    }
}
