package io.sinkline.emulator.maxcompute.storage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.duckdb.DuckDBAppender;

import com.aliyun.odps.data.Binary;
import com.aliyun.odps.data.Char;
import com.aliyun.odps.data.SimpleJsonValue;
import com.aliyun.odps.data.SimpleStruct;
import com.aliyun.odps.data.Struct;
import com.aliyun.odps.data.Varchar;
import com.aliyun.odps.type.ArrayTypeInfo;
import com.aliyun.odps.type.DecimalTypeInfo;
import com.aliyun.odps.type.MapTypeInfo;
import com.aliyun.odps.type.StructTypeInfo;
import com.aliyun.odps.type.TypeInfo;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * Converts values between the SDK's record objects (what the tunnel protocol carries) and DuckDB columns.
 * DATETIME and TIMESTAMP are stored as wall-clock time in the emulator's time zone, as the service shows them.
 */
public final class ValueCodec {

    private final ZoneId zone;

    public ValueCodec(ZoneId zone) {
        this.zone = zone;
    }

    /** Appends one SDK value to the appender's current row. */
    public void append(DuckDBAppender app, TypeInfo type, Object v) throws SQLException {
        if (v == null) {
            app.appendNull();
            return;
        }
        switch (type.getOdpsType()) {
            case BIGINT -> app.append(((Number) v).longValue());
            case INT -> app.append(((Number) v).intValue());
            case SMALLINT -> app.append(((Number) v).shortValue());
            case TINYINT -> app.append(((Number) v).byteValue());
            case DOUBLE -> app.append(((Number) v).doubleValue());
            case FLOAT -> app.append(((Number) v).floatValue());
            case BOOLEAN -> app.append((boolean) (Boolean) v);
            // the service rounds extra fraction digits half up to the column's scale
            case DECIMAL -> app.append(((BigDecimal) v).setScale(((DecimalTypeInfo) type).getScale(), RoundingMode.HALF_UP));
            case DATE -> app.append(toLocalDate(v));
            case DATETIME -> app.append(toLocalDateTime(v));
            case TIMESTAMP, TIMESTAMP_NTZ -> app.append(toLocalDateTime(v));
            case BINARY -> app.append(v instanceof Binary b ? b.data() : (byte[]) v);
            case ARRAY, MAP, STRUCT -> app.append(toJson(type, v).toString());
            default -> app.append(text(v));
        }
    }

    /** Reads column {@code index} (1-based) of the current row as the SDK expects it for {@code type}. */
    public Object read(ResultSet rs, int index, TypeInfo type) throws SQLException {
        Object raw = rs.getObject(index);
        if (raw == null) {
            return null;
        }
        return switch (type.getOdpsType()) {
            case BIGINT -> rs.getLong(index);
            case INT -> rs.getInt(index);
            case SMALLINT -> rs.getShort(index);
            case TINYINT -> rs.getByte(index);
            case DOUBLE -> rs.getDouble(index);
            case FLOAT -> rs.getFloat(index);
            case BOOLEAN -> rs.getBoolean(index);
            case DECIMAL -> rs.getBigDecimal(index);
            case DATE -> rs.getObject(index, LocalDate.class);
            case DATETIME -> rs.getObject(index, LocalDateTime.class).atZone(zone);
            case TIMESTAMP -> rs.getObject(index, LocalDateTime.class).atZone(zone).toInstant();
            case TIMESTAMP_NTZ -> rs.getObject(index, LocalDateTime.class);
            case BINARY -> new Binary(rs.getBytes(index));
            case STRING -> rs.getString(index).getBytes(StandardCharsets.UTF_8);
            case VARCHAR -> new Varchar(rs.getString(index));
            case CHAR -> new Char(rs.getString(index));
            case JSON -> new SimpleJsonValue(rs.getString(index));
            case ARRAY, MAP, STRUCT -> fromJson(type, JsonParser.parseString(rs.getString(index)));
            default -> rs.getString(index);
        };
    }

    private static String text(Object v) {
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return v.toString();
    }

    private LocalDate toLocalDate(Object v) {
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return ((Date) v).toInstant().atZone(zone).toLocalDate();
    }

    private LocalDateTime toLocalDateTime(Object v) {
        if (v instanceof ZonedDateTime z) {
            return z.withZoneSameInstant(zone).toLocalDateTime();
        }
        if (v instanceof Instant i) {
            return LocalDateTime.ofInstant(i, zone);
        }
        if (v instanceof LocalDateTime l) {
            return l;
        }
        if (v instanceof Timestamp t) {
            return LocalDateTime.ofInstant(t.toInstant(), zone);
        }
        return LocalDateTime.ofInstant(((Date) v).toInstant(), zone);
    }

    /** JSON text of a complex value: arrays as arrays, maps as arrays of {@code [key, value]}, structs as objects. */
    JsonElement toJson(TypeInfo type, Object v) {
        if (v == null) {
            return JsonNull.INSTANCE;
        }
        switch (type.getOdpsType()) {
            case ARRAY: {
                TypeInfo element = ((ArrayTypeInfo) type).getElementTypeInfo();
                JsonArray a = new JsonArray();
                for (Object e : (List<?>) v) {
                    a.add(toJson(element, e));
                }
                return a;
            }
            case MAP: {
                MapTypeInfo m = (MapTypeInfo) type;
                JsonArray a = new JsonArray();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    JsonArray pair = new JsonArray();
                    pair.add(toJson(m.getKeyTypeInfo(), e.getKey()));
                    pair.add(toJson(m.getValueTypeInfo(), e.getValue()));
                    a.add(pair);
                }
                return a;
            }
            case STRUCT: {
                Struct s = (Struct) v;
                JsonObject o = new JsonObject();
                for (int i = 0; i < s.getFieldCount(); i++) {
                    o.add(s.getFieldName(i), toJson(s.getFieldTypeInfo(i), s.getFieldValue(i)));
                }
                return o;
            }
            case BOOLEAN:
                return new JsonPrimitive((Boolean) v);
            case BIGINT, INT, SMALLINT, TINYINT, DOUBLE, FLOAT:
                return new JsonPrimitive((Number) v);
            case DECIMAL:
                return new JsonPrimitive(((BigDecimal) v).toPlainString());
            case DATE:
                return new JsonPrimitive(toLocalDate(v).toString());
            case DATETIME, TIMESTAMP, TIMESTAMP_NTZ:
                return new JsonPrimitive(toLocalDateTime(v).toString());
            case BINARY:
                return new JsonPrimitive(Base64.getEncoder().encodeToString(v instanceof Binary b ? b.data() : (byte[]) v));
            default:
                return new JsonPrimitive(text(v));
        }
    }

    Object fromJson(TypeInfo type, JsonElement j) {
        if (j == null || j.isJsonNull()) {
            return null;
        }
        switch (type.getOdpsType()) {
            case ARRAY: {
                TypeInfo element = ((ArrayTypeInfo) type).getElementTypeInfo();
                List<Object> list = new ArrayList<>();
                for (JsonElement e : j.getAsJsonArray()) {
                    list.add(fromJson(element, e));
                }
                return list;
            }
            case MAP: {
                MapTypeInfo m = (MapTypeInfo) type;
                Map<Object, Object> map = new LinkedHashMap<>();
                for (JsonElement e : j.getAsJsonArray()) {
                    JsonArray pair = e.getAsJsonArray();
                    map.put(fromJson(m.getKeyTypeInfo(), pair.get(0)), fromJson(m.getValueTypeInfo(), pair.get(1)));
                }
                return map;
            }
            case STRUCT: {
                StructTypeInfo st = (StructTypeInfo) type;
                JsonObject o = j.getAsJsonObject();
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < st.getFieldCount(); i++) {
                    values.add(fromJson(st.getFieldTypeInfos().get(i), o.get(st.getFieldNames().get(i))));
                }
                return new SimpleStruct(st, values);
            }
            case BOOLEAN:
                return j.getAsBoolean();
            case BIGINT:
                return j.getAsLong();
            case INT:
                return j.getAsInt();
            case SMALLINT:
                return j.getAsShort();
            case TINYINT:
                return j.getAsByte();
            case DOUBLE:
                return j.getAsDouble();
            case FLOAT:
                return j.getAsFloat();
            case DECIMAL:
                return new BigDecimal(j.getAsString());
            case DATE:
                return LocalDate.parse(j.getAsString());
            case DATETIME:
                return LocalDateTime.parse(j.getAsString()).atZone(zone);
            case TIMESTAMP:
                return LocalDateTime.parse(j.getAsString()).atZone(zone).toInstant();
            case TIMESTAMP_NTZ:
                return LocalDateTime.parse(j.getAsString());
            case BINARY:
                return new Binary(Base64.getDecoder().decode(j.getAsString()));
            case VARCHAR:
                return new Varchar(j.getAsString());
            case CHAR:
                return new Char(j.getAsString());
            case JSON:
                return new SimpleJsonValue(j.getAsString());
            default:
                return j.getAsString();
        }
    }
}
