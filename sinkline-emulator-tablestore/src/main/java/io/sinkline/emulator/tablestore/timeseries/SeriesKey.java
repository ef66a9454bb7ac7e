package io.sinkline.emulator.tablestore.timeseries;

import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Identifies one time series: measurement, data source and tags. */
public record SeriesKey(String measurement, String dataSource, SortedMap<String, String> tags) implements Comparable<SeriesKey> {
    private static final Comparator<SeriesKey> ORDER = Comparator.comparing(SeriesKey::measurement)
            .thenComparing(SeriesKey::dataSource).thenComparing(SeriesKey::tagsString);

    public SeriesKey {
        tags = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    /** Tags as the service writes them: {@code ["a=1","b=2"]}. */
    public String tagsString() {
        StringBuilder sb = new StringBuilder("[");
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(e.getKey()).append('=').append(e.getValue()).append('"');
        }
        return sb.append(']').toString();
    }

    @Override
    public int compareTo(SeriesKey o) {
        return ORDER.compare(this, o);
    }
}
