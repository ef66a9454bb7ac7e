package io.sinkline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the versions Maven filtered into {@code sinkline-version.properties} at build time. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        Properties versions = load();
        return new String[] {
            "sinkline " + versions.getProperty("version"),
            "  Kafka " + versions.getProperty("kafka.version")
                    + ", Tablestore SDK " + versions.getProperty("tablestore.version")
                    + ", MaxCompute SDK " + versions.getProperty("odps.version"),
            "  Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        };
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/sinkline-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
