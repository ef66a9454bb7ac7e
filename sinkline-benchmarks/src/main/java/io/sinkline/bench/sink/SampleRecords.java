package io.sinkline.bench.sink;

import java.util.List;

/**
 * The benchmark's records: ten small fields of mixed types, derived from the record's index, so
 * the Kafka value (JSON text) and the rows the raw SDK writes carry exactly the same data.
 */
public final class SampleRecords {

    /** A field of the sample record and the kind of value it holds. */
    public record Field(String name, Kind kind) {
    }

    public enum Kind { LONG, DOUBLE, BOOLEAN, STRING }

    public static final List<Field> FIELDS = List.of(
            new Field("id", Kind.LONG),
            new Field("name", Kind.STRING),
            new Field("city", Kind.STRING),
            new Field("amount", Kind.DOUBLE),
            new Field("quantity", Kind.LONG),
            new Field("active", Kind.BOOLEAN),
            new Field("category", Kind.STRING),
            new Field("score", Kind.DOUBLE),
            new Field("code", Kind.STRING),
            new Field("created", Kind.LONG));

    private static final String[] CITIES = {"Oslo", "Hangzhou", "Lima", "Accra", "Perth", "Quito", "Riga"};
    private static final String[] CATEGORIES = {"books", "garden", "music", "tools", "toys"};
    private static final long EPOCH_MILLIS = 1_700_000_000_000L;

    private SampleRecords() {
    }

    /** The values of record {@code index}, in {@link #FIELDS} order (Long, Double, Boolean or String). */
    public static Object[] values(long index) {
        return new Object[] {
            index,
            "user-" + index,
            CITIES[(int) (index % CITIES.length)],
            (index % 10_000) / 100.0,
            index % 17,
            index % 3 != 0,
            CATEGORIES[(int) (index % CATEGORIES.length)],
            (index % 1000) / 8.0,
            Long.toHexString(index * 2_654_435_761L & 0xffffffL),
            EPOCH_MILLIS + index,
        };
    }

    /** Record {@code index} as a JSON object, the Kafka value the connectors read. */
    public static String json(long index) {
        Object[] values = values(index);
        StringBuilder json = new StringBuilder(200).append('{');
        for (int i = 0; i < FIELDS.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"').append(FIELDS.get(i).name()).append("\":");
            // The strings above never need escaping.
            json.append(values[i] instanceof String text ? '"' + text + '"' : String.valueOf(values[i]));
        }
        return json.append('}').toString();
    }
}
