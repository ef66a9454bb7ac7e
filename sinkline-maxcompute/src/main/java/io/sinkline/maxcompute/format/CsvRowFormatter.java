package io.sinkline.maxcompute.format;

import java.util.List;

import org.apache.kafka.connect.sink.SinkRecord;

import com.aliyun.odps.data.ArrayRecord;

import io.sinkline.core.record.RecordFormatException;
import io.sinkline.maxcompute.config.RecordMode;

/**
 * CSV: the value (mode VALUE) or the key (mode KEY) is one delimited line whose fields go, left to
 * right, into the table's custom columns in table order, each converted to its column's type.
 */
final class CsvRowFormatter implements RowFormatter {

    private final TableLayout layout;
    private final RecordMode mode;
    private final CsvLineParser parser;
    private final ColumnValueConverter converter;
    private final RowBuilder rows;

    CsvRowFormatter(TableLayout layout, RecordMode mode, CsvLineParser parser, ColumnValueConverter converter) {
        this.layout = layout;
        this.mode = mode;
        this.parser = parser;
        this.converter = converter;
        this.rows = new RowBuilder(layout);
    }

    @Override
    public Object[] format(SinkRecord record) {
        String what = mode == RecordMode.KEY ? "key" : "value";
        Object part = mode == RecordMode.KEY ? record.key() : record.value();
        if (part == null) {
            throw new RecordFormatException("the record " + what + " is null; format CSV needs a delimited line");
        }
        List<String> fields = parser.parse(PartEncoding.text(part));
        List<Integer> columns = layout.customIndexes();
        if (fields.size() != columns.size()) {
            throw new RecordFormatException("the CSV " + what + " has " + fields.size() + " field(s) but table "
                    + layout.tableName() + " has " + columns.size() + " custom column(s) " + layout.customColumnNames());
        }
        ArrayRecord row = rows.start(record);
        for (int i = 0; i < fields.size(); i++) {
            int column = columns.get(i);
            row.set(column, converter.fromText(layout.columns()[column], fields.get(i)));
        }
        return rows.finish();
    }
}
