package io.sinkline.maxcompute.format;

import java.time.ZoneId;

import io.sinkline.maxcompute.config.RecordFormat;
import io.sinkline.maxcompute.config.RecordMode;

/** Picks the formatter of a format and mode. */
public final class RowFormatters {

    private RowFormatters() {
    }

    public static RowFormatter create(RecordFormat format, RecordMode mode, TableLayout layout, char csvDelimiter,
                                      String csvNull, ZoneId zone) {
        ColumnValueConverter converter = new ColumnValueConverter(zone);
        return switch (format) {
            case TEXT -> new KeyValueRowFormatter(layout, mode, PartEncoding.TEXT);
            case BINARY -> new KeyValueRowFormatter(layout, mode, PartEncoding.BINARY);
            case JSON -> new KeyValueRowFormatter(layout, mode, PartEncoding.JSON);
            case CSV -> new CsvRowFormatter(layout, mode, new CsvLineParser(csvDelimiter, csvNull), converter);
            case FLATTEN -> new FlattenRowFormatter(layout, mode, converter);
        };
    }
}
