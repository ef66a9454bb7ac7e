package io.sinkline.bench.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a benchmark's console readable: Kafka's test jars on the class path each bring a
 * log4j2.yaml at INFO, which would bury the result under tens of thousands of lines. Call
 * first thing in main, before any logger exists. {@code -Dsinkline.bench.log.level=INFO}
 * turns logs up; an explicit {@code -Dlog4j2.configurationFile} wins.
 */
public final class BenchLogging {

    private BenchLogging() {
    }

    public static void configure() {
        if (System.getProperty("log4j2.configurationFile") != null) {
            return;
        }
        String level = System.getProperty("sinkline.bench.log.level", "ERROR");
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="WARN">
                  <Appenders>
                    <Console name="console" target="SYSTEM_ERR">
                      <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level [%t] %c{1}: %msg%n"/>
                    </Console>
                  </Appenders>
                  <Loggers>
                    <Root level="LEVEL"><AppenderRef ref="console"/></Root>
                  </Loggers>
                </Configuration>
                """.replace("LEVEL", level);
        try {
            Path file = Files.createTempFile("sinkline-bench-log4j2-", ".xml");
            file.toFile().deleteOnExit();
            Files.writeString(file, xml);
            System.setProperty("log4j2.configurationFile", file.toUri().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the benchmark's logging configuration", e);
        }
    }
}
