package io.sinkline.emulator.tablestore.protocol;

import com.alicloud.openservices.tablestore.core.protocol.PlainBufferCell;
import com.alicloud.openservices.tablestore.core.protocol.PlainBufferRow;
import com.alicloud.openservices.tablestore.core.protocol.timeseries.Timeseries;
import com.alicloud.openservices.tablestore.core.protocol.timeseries.flatbuffer.DataType;
import com.alicloud.openservices.tablestore.core.protocol.timeseries.flatbuffer.FieldValues;
import com.alicloud.openservices.tablestore.core.protocol.timeseries.flatbuffer.FlatBufferRowGroup;
import com.alicloud.openservices.tablestore.core.protocol.timeseries.flatbuffer.FlatBufferRowInGroup;
import com.alicloud.openservices.tablestore.core.protocol.timeseries.flatbuffer.FlatBufferRows;
import com.alicloud.openservices.tablestore.core.protocol.timeseries.flatbuffer.Tag;
import com.alicloud.openservices.tablestore.model.ColumnType;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import io.sinkline.emulator.tablestore.error.OtsException;
import io.sinkline.emulator.tablestore.timeseries.SeriesKey;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Time-series rows on the wire: FlatBuffer rows (with their CRC32C) in PutTimeseriesData, PlainBuffer
 * rows with the {@code _#h, _m_name, _data_source, _tags, _time} primary key in GetTimeseriesData.
 */
final class TimeseriesRowsCodec {
    /** One decoded row, or the reason it cannot be written. */
    record Point(SeriesKey key, long timeMicros, Map<String, ColumnValue> fields, String error) {
    }

    private TimeseriesRowsCodec() {
    }

    static List<Point> decode(Timeseries.TimeseriesRows rows) {
        if (rows.getType() != Timeseries.RowsSerializeType.RST_FLAT_BUFFER) {
            throw OtsException.invalid("Only FlatBuffer time-series rows are supported.");
        }
        byte[] data = rows.getRowsData().toByteArray();
        if (rows.hasFlatbufferCrc32C()) {
            CRC32C crc = new CRC32C();
            crc.update(data);
            if ((int) crc.getValue() != rows.getFlatbufferCrc32C()) {
                throw OtsException.invalid("The CRC32C of the time-series rows does not match.");
            }
        }
        List<Point> out = new ArrayList<>();
        try {
            FlatBufferRows fb = FlatBufferRows.getRootAsFlatBufferRows(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN));
            for (int g = 0; g < fb.rowGroupsLength(); g++) {
                FlatBufferRowGroup group = fb.rowGroups(g);
                for (int r = 0; r < group.rowsLength(); r++) {
                    out.add(point(group, group.rows(r)));
                }
            }
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw OtsException.invalid("Malformed FlatBuffer rows: " + e.getMessage());
        }
        return out;
    }

    private static Point point(FlatBufferRowGroup group, FlatBufferRowInGroup row) {
        String measurement = group.measurementName() == null ? "" : group.measurementName();
        String source = row.dataSource() == null ? "" : row.dataSource();
        SortedMap<String, String> tags = new TreeMap<>();
        for (int i = 0; i < row.tagListLength(); i++) {
            Tag t = row.tagList(i);
            tags.put(t.name(), t.value());
        }
        if (row.tags() != null && !row.tags().isEmpty()) {
            tags.putAll(parseTags(row.tags()));
        }
        SeriesKey key = new SeriesKey(measurement, source, tags);
        Map<String, ColumnValue> fields = new LinkedHashMap<>();
        FieldValues values = row.fieldValues();
        int[] next = new int[6];
        for (int f = 0; f < group.fieldNamesLength(); f++) {
            byte type = group.fieldTypes(f);
            int i = next[type]++;
            ColumnValue v = switch (type) {
                case DataType.LONG -> ColumnValue.fromLong(values.longValues(i));
                case DataType.BOOLEAN -> ColumnValue.fromBoolean(values.boolValues(i));
                case DataType.DOUBLE -> ColumnValue.fromDouble(values.doubleValues(i));
                case DataType.STRING -> ColumnValue.fromString(values.stringValues(i));
                case DataType.BINARY -> {
                    ByteBuffer b = values.binaryValues(i).valueAsByteBuffer();
                    byte[] bytes = new byte[b == null ? 0 : b.remaining()];
                    if (b != null) {
                        b.get(bytes);
                    }
                    yield ColumnValue.fromBinary(bytes);
                }
                default -> throw OtsException.invalid("Unknown field type: " + type);
            };
            fields.put(group.fieldNames(f), v);
        }
        String error = null;
        if (measurement.isEmpty()) {
            error = "The measurement name must not be empty.";
        } else if (row.time() < 0) {
            error = "The time must not be negative.";
        } else if (fields.isEmpty()) {
            error = "A time-series row needs at least one field.";
        }
        return new Point(key, row.time(), fields, error);
    }

    /** Parses {@code ["a=1","b=2"]}. */
    static SortedMap<String, String> parseTags(String s) {
        SortedMap<String, String> tags = new TreeMap<>();
        if (s == null || s.isEmpty() || s.equals("[]")) {
            return tags;
        }
        if (!s.startsWith("[") || !s.endsWith("]")) {
            throw OtsException.invalid("Invalid tags string: " + s);
        }
        for (String part : s.substring(1, s.length() - 1).split(",")) {
            String p = part.trim();
            if (p.length() < 2 || !p.startsWith("\"") || !p.endsWith("\"") || !p.contains("=")) {
                throw OtsException.invalid("Invalid tags string: " + s);
            }
            p = p.substring(1, p.length() - 1);
            int eq = p.indexOf('=');
            tags.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return tags;
    }

    static SeriesKey key(Timeseries.TimeseriesKey k) {
        SortedMap<String, String> tags = new TreeMap<>();
        for (Timeseries.TimeseriesTag t : k.getTagListList()) {
            tags.put(t.getName(), t.getValue());
        }
        if (k.hasTags()) {
            tags.putAll(parseTags(k.getTags()));
        }
        return new SeriesKey(k.getMeasurement(), k.getSource(), tags);
    }

    static Timeseries.TimeseriesKey toProto(SeriesKey key) {
        Timeseries.TimeseriesKey.Builder b = Timeseries.TimeseriesKey.newBuilder()
                .setMeasurement(key.measurement()).setSource(key.dataSource());
        key.tags().forEach((n, v) -> b.addTagList(Timeseries.TimeseriesTag.newBuilder().setName(n).setValue(v)));
        return b.build();
    }

    /** One GetTimeseriesData row; field names carry a type suffix that the SDK strips. */
    static PlainBufferRow encode(SeriesKey key, long timeMicros, Map<String, ColumnValue> fields) {
        List<PlainBufferCell> pk = new ArrayList<>(5);
        pk.add(pkCell("_#h", PrimaryKeyValue.fromString(Integer.toHexString(key.hashCode()))));
        pk.add(pkCell("_m_name", PrimaryKeyValue.fromString(key.measurement())));
        pk.add(pkCell("_data_source", PrimaryKeyValue.fromString(key.dataSource())));
        pk.add(pkCell("_tags", PrimaryKeyValue.fromString(key.tagsString())));
        pk.add(pkCell("_time", PrimaryKeyValue.fromLong(timeMicros)));
        List<PlainBufferCell> cells = new ArrayList<>(fields.size());
        for (Map.Entry<String, ColumnValue> e : new TreeMap<>(fields).entrySet()) {
            PlainBufferCell c = new PlainBufferCell();
            c.setCellName(e.getKey() + ":" + typeSuffix(e.getValue().getType()));
            c.setCellValue(e.getValue());
            cells.add(c);
        }
        return new PlainBufferRow(pk, cells, false);
    }

    static ByteString encodeRows(List<PlainBufferRow> rows) {
        return rows.isEmpty() ? ByteString.EMPTY : RowCodec.encodeRows(rows);
    }

    private static PlainBufferCell pkCell(String name, PrimaryKeyValue v) {
        PlainBufferCell c = new PlainBufferCell();
        c.setCellName(name);
        c.setPkCellValue(v);
        return c;
    }

    static byte dataType(ColumnType t) {
        return switch (t) {
            case INTEGER -> DataType.LONG;
            case BOOLEAN -> DataType.BOOLEAN;
            case DOUBLE -> DataType.DOUBLE;
            case STRING -> DataType.STRING;
            case BINARY -> DataType.BINARY;
            default -> DataType.NONE;
        };
    }

    private static String typeSuffix(ColumnType t) {
        return DataType.name(dataType(t)).toLowerCase(java.util.Locale.ROOT);
    }
}
