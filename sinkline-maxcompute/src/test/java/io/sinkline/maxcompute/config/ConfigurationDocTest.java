package io.sinkline.maxcompute.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.sinkline.core.config.ConfigDocs;

/**
 * docs/configuration.md is generated from the ConfigDef and must not drift from it. To regenerate:
 * {@code mvn -pl sinkline-maxcompute verify -Dtest=ConfigurationDocTest -Dsinkline.docs.write=true}.
 */
class ConfigurationDocTest {

    private static final Path DOC = Path.of("docs", "configuration.md");

    static String expected() {
        return "# sinkline-maxcompute configuration\n\n"
                + "Generated from `MaxComputeSinkConfig.CONFIG_DEF` (do not edit by hand; see ConfigurationDocTest).\n"
                + "Seed 003's keys are accepted exactly as the official connector spells them.\n\n"
                + ConfigDocs.markdown(MaxComputeSinkConfig.CONFIG_DEF);
    }

    @Test
    void docMatchesTheConfigDef() throws IOException {
        if (Boolean.getBoolean("sinkline.docs.write")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, expected(), StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).isEqualTo(expected());
    }
}
