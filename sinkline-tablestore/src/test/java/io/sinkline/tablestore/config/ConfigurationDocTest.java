package io.sinkline.tablestore.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is generated and must not drift from the ConfigDef. To regenerate:
 * {@code mvn -pl sinkline-tablestore verify -Dtest=ConfigurationDocTest -Dsinkline.docs.write=true}.
 */
class ConfigurationDocTest {
    private static final Path DOC = Path.of("docs", "configuration.md");

    @Test
    void docMatchesTheConfigDef() throws IOException {
        if (Boolean.getBoolean("sinkline.docs.write")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, ConfigurationDoc.markdown(), StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).isEqualTo(ConfigurationDoc.markdown());
    }

    @Test
    void everyKeyOfTheOfficialConnectorIsDocumented() {
        String doc = ConfigurationDoc.markdown();
        for (String key : TablestoreSinkConfigTest.officialExample().keySet()) {
            if (key.startsWith("tablestore.test_kafka.")) {
                key = key.replace("test_kafka", "<table>");
            }
            if (!key.equals("name") && !key.equals("connector.class") && !key.equals("tasks.max") && !key.equals("topics")) {
                assertThat(doc).as(key).contains("`" + key + "`");
            }
        }
    }
}
