package io.sinkline.tablestore.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.model.ColumnValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The flat-object scanner gives exactly Jackson's columns ({@link StreamedObjectColumns}, itself
 * held to the tree path by {@link StreamedColumnsTest}) for the objects it accepts, and leaves
 * everything else to Jackson.
 */
class FlatJsonScannerTest {
    private static final Set<String> EXCLUDED = Set.of("topic_partition", "offset");

    private final FlatJsonScanner scanner = new FlatJsonScanner();

    @Test
    void flatObjectsAreReadAsJacksonReadsThem() {
        List<String> docs = List.of(
                "{\"id\":1,\"name\":\"user-1\",\"amount\":12.34,\"ok\":true,\"no\":false,\"none\":null}",
                " \t\r\n{ \"a\" : -0 , \"b\":-12.5E+3,\"c\":1e-7, \"d\":0.1 ,\"e\":\"\" } \n",
                "{\"text\":\"Zoë 中文 😀 tab-free\",\"ünï\":\"x\"}",
                "{\"dup\":1,\"other\":\"o\",\"dup\":\"last wins\"}",
                "{\"topic_partition\":\"skipped\",\"offset\":7,\"kept\":123456789012345678}",
                "{\"max18\":-999999999999999999,\"f\":3.0,\"g\":1E2}",
                "{}");
        for (String doc : docs) {
            assertThat(scanned(doc)).as(doc).isEqualTo(jackson(doc));
        }
        assertThat(scanned(docs.get(3))).isEqualTo("{dup=STRING:last wins, other=STRING:o}");
        assertThat(scanned(docs.get(4))).isEqualTo("{kept=INTEGER:123456789012345678}");
    }

    @Test
    void everythingElseIsLeftToJackson() {
        List<String> docs = List.of(
                "{\"nested\":{\"x\":1}}", "{\"list\":[1]}", "{\"esc\":\"a\\\"b\"}", "{\"esc\\n\":1}",
                "{\"long\":1234567890123456789}", "{\"huge\":1e400}", "{\"a\":1} trailing", "[1]", "\"text\"",
                "{\"a\":01}", "{\"a\":+1}", "{\"a\":.5}", "{\"a\":1.}", "{\"a\":1e}", "{\"a\":tru}", "{\"a\":truex}",
                "{\"a\":1,}", "{\"a\" 1}", "{\"a\":1", "{\"a\":\"x}", "{a:1}", "{\"ctl\":\"a\u0001b\"}", "", "   ");
        for (String doc : docs) {
            assertThat(scanner.read(doc.getBytes(StandardCharsets.UTF_8), EXCLUDED, new LinkedHashMap<>())).as(doc).isFalse();
        }
    }

    @Test
    void randomFlatObjectsMatchJackson() {
        Random random = new Random(20261122);
        String[] names = {"id", "name", "city", "amount", "ok", "offset", "名前", "x"};
        String[] texts = {"", "plain", "Zoë", "中文", "😀 emoji", "with space", "slash/ok", "{not json}"};
        for (int n = 0; n < 2000; n++) {
            StringBuilder doc = new StringBuilder(space(random)).append('{');
            int fields = random.nextInt(8);
            for (int f = 0; f < fields; f++) {
                if (f > 0) {
                    doc.append(space(random)).append(',');
                }
                doc.append(space(random)).append('"').append(names[random.nextInt(names.length)]).append('"')
                        .append(space(random)).append(':').append(space(random));
                switch (random.nextInt(7)) {
                    case 0 -> doc.append(random.nextLong() / (long) Math.pow(10, 1 + random.nextInt(17))); // at most 18 digits
                    case 1 -> doc.append(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20) * (random.nextBoolean() ? 1 : -1));
                    case 2 -> doc.append(random.nextInt(2000) - 1000).append('.').append(random.nextInt(100))
                            .append(random.nextBoolean() ? "e" + (random.nextInt(40) - 20) : "");
                    case 3 -> doc.append('"').append(texts[random.nextInt(texts.length)]).append('"');
                    case 4 -> doc.append(random.nextBoolean());
                    case 5 -> doc.append("null");
                    default -> doc.append(random.nextInt(10));
                }
            }
            doc.append(space(random)).append('}').append(space(random));
            String json = doc.toString();
            assertThat(scanned(json)).as(json).isEqualTo(jackson(json));
        }
    }

    private static String space(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> " ";
            case 1 -> "\n\t ";
            default -> "";
        };
    }

    /** The scanner's columns; it must accept the document. */
    private String scanned(String doc) {
        Map<String, ColumnValue> columns = new LinkedHashMap<>();
        assertThat(scanner.read(doc.getBytes(StandardCharsets.UTF_8), EXCLUDED, columns)).as("accepted: " + doc).isTrue();
        return describe(columns);
    }

    private static String jackson(String doc) {
        Map<String, ColumnValue> columns = new LinkedHashMap<>();
        assertThat(StreamedObjectColumns.read(doc, EXCLUDED, columns)).as("Jackson reads " + doc).isTrue();
        return describe(columns);
    }

    private static String describe(Map<String, ColumnValue> columns) {
        List<String> parts = new ArrayList<>();
        columns.forEach((name, value) -> parts.add(name + "=" + (value == null ? "null" : value.getType() + ":" + value)));
        return "{" + String.join(", ", parts) + "}";
    }
}
