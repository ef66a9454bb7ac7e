package io.sinkline.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

    enum Format { TEXT, CSV }

    private final ConfigDef def = new ConfigDef()
            .define("format", Type.STRING, "TEXT", Validators.caseInsensitiveEnum(Format.class), Importance.HIGH,
                    "How a record becomes a row.", "Format", 1, Width.SHORT, "Format")
            .define("endpoint", Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validators.nonBlank(), Importance.HIGH,
                    "The service endpoint.", "Connection", 1, Width.LONG, "Endpoint")
            .define("access_key", Type.PASSWORD, "default-secret-never-shown", null, Importance.HIGH,
                    "The AccessKey secret.", "Connection", 3, Width.LONG, "AccessKey secret")
            .define("access_id", Type.STRING, null, null, Importance.HIGH,
                    "The AccessKey id | a pipe.", "Connection", 2, Width.LONG, "AccessKey id")
            .define("buffer_size_kb", Type.INT, 65536, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                    "Buffer per target partition.")
            .define("topics.tables", Type.LIST, "", null, Importance.LOW, "Topic to table map.");

    @Test
    void documentsEveryKeyGroupedInDefinitionOrder() {
        String md = ConfigDocs.markdown(def);

        assertThat(md.indexOf("### Format")).isLessThan(md.indexOf("### Connection"));
        assertThat(md.indexOf("### Connection")).isLessThan(md.indexOf("### Other"));
        assertThat(md.indexOf("`endpoint`")).isLessThan(md.indexOf("`access_id`"));
        assertThat(md.indexOf("`access_id`")).isLessThan(md.indexOf("`access_key`"));
        for (String key : def.names()) {
            assertThat(md).contains("| `" + key + "` |");
        }
    }

    @Test
    void rowsCarryTypeDefaultValidValuesImportanceAndDoc() {
        String md = ConfigDocs.markdown(def);

        assertThat(md).contains("| `format` | string | `TEXT` | [text, csv] | high | How a record becomes a row. |");
        assertThat(md).contains("| `endpoint` | string | (required) | a non-blank string | high | The service endpoint. |");
        assertThat(md).contains("| `buffer_size_kb` | int | `65536` | [1,...] | medium | Buffer per target partition. |");
        assertThat(md).contains("| `access_id` | string | null |  | high | The AccessKey id \\| a pipe. |");
        assertThat(md).contains("| `topics.tables` | list | \"\" |");
    }

    @Test
    void passwordDefaultsAreHidden() {
        String md = ConfigDocs.markdown(def);

        assertThat(md).contains("| `access_key` | password | [hidden] |");
        assertThat(md).doesNotContain("default-secret-never-shown");
    }
}
