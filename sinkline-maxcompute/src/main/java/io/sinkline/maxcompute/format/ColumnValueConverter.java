package io.sinkline.maxcompute.format;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;

import com.aliyun.odps.Column;
import com.aliyun.odps.OdpsType;
import com.aliyun.odps.data.Binary;
import com.aliyun.odps.data.Char;
import com.aliyun.odps.data.SimpleJsonValue;
import com.aliyun.odps.data.Varchar;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sinkline.core.record.RecordFormatException;

/**
 * Converts a CSV field (text) or a FLATTEN value (JSON) to the Java value the SDK writes for a
 * column's type; a value that does not fit fails with a message naming the column, its type and
 * the value. Times without an offset are read in the connector's time zone.
 */
public final class ColumnValueConverter {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter SQL_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]");
    private static final int MAX_SHOWN = 80;

    private final ZoneId zone;

    public ColumnValueConverter(ZoneId zone) {
        this.zone = zone;
    }

    /** A CSV field; null stays NULL. */
    public Object fromText(Column column, String text) {
        if (text == null) {
            return null;
        }
        OdpsType type = column.getTypeInfo().getOdpsType();
        try {
            return switch (type) {
                case STRING -> text;
                case CHAR -> new Char(text);
                case VARCHAR -> new Varchar(text);
                case BIGINT -> Long.parseLong(text.trim());
                case INT -> Integer.parseInt(text.trim());
                case SMALLINT -> Short.parseShort(text.trim());
                case TINYINT -> Byte.parseByte(text.trim());
                case DOUBLE -> Double.parseDouble(text.trim());
                case FLOAT -> Float.parseFloat(text.trim());
                case DECIMAL -> new BigDecimal(text.trim());
                case BOOLEAN -> parseBoolean(text.trim());
                case BINARY -> new Binary(text.getBytes(StandardCharsets.UTF_8));
                case JSON -> new SimpleJsonValue(MAPPER.readTree(text).toString());
                case DATE -> java.sql.Date.valueOf(LocalDate.parse(text.trim()));
                case DATETIME -> Date.from(parseInstant(text.trim()));
                case TIMESTAMP -> Timestamp.from(parseInstant(text.trim()));
                default -> throw unsupported(column);
            };
        } catch (RecordFormatException e) {
            throw e;
        } catch (DateTimeParseException | JsonProcessingException | IllegalArgumentException e) {
            throw mismatch(column, text, e);
        }
    }

    /** A FLATTEN value; JSON null stays NULL. */
    public Object fromJson(Column column, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        OdpsType type = column.getTypeInfo().getOdpsType();
        switch (type) {
            case JSON:
                return new SimpleJsonValue(node.toString());
            case STRING:
                return node.isTextual() ? node.asText() : node.toString();
            case BIGINT:
            case INT:
            case SMALLINT:
            case TINYINT:
                if (node.isNumber() && !node.isIntegralNumber()) {
                    throw mismatch(column, node.toString(), null);
                }
                if (node.isIntegralNumber() && !node.canConvertToLong()) {
                    throw mismatch(column, node.toString(), null);
                }
                return node.isNumber() ? integral(column, node.asLong()) : scalar(column, node);
            case DOUBLE:
                if (node.isDouble()) {
                    return node.doubleValue(); // already the exact double: no text round trip per value
                }
                return node.isNumber() ? fromText(column, node.numberValue().toString()) : scalar(column, node);
            case FLOAT:
            case DECIMAL:
                return node.isNumber() ? fromText(column, node.numberValue().toString()) : scalar(column, node);
            case BOOLEAN:
                return node.isBoolean() ? node.booleanValue() : scalar(column, node);
            case DATETIME:
                return node.isIntegralNumber() ? new Date(node.asLong()) : scalar(column, node);
            case TIMESTAMP:
                return node.isIntegralNumber() ? new Timestamp(node.asLong()) : scalar(column, node);
            default:
                return scalar(column, node);
        }
    }

    /** A whole number into an integer column, range-checked for the narrower types. */
    private static Object integral(Column column, long value) {
        OdpsType type = column.getTypeInfo().getOdpsType();
        if (type == OdpsType.BIGINT) {
            return value;
        }
        if (type == OdpsType.INT && value == (int) value) {
            return (int) value;
        }
        if (type == OdpsType.SMALLINT && value == (short) value) {
            return (short) value;
        }
        if (type == OdpsType.TINYINT && value == (byte) value) {
            return (byte) value;
        }
        throw mismatch(column, Long.toString(value), null);
    }

    /** Strings convert as CSV text does; objects and arrays fit only STRING and JSON columns. */
    private Object scalar(Column column, JsonNode node) {
        if (node.isContainerNode()) {
            throw new RecordFormatException("column '" + column.getName() + "' is "
                    + column.getTypeInfo().getTypeName() + " but the value is a JSON "
                    + (node.isObject() ? "object" : "array") + ": " + shorten(node.toString()));
        }
        return fromText(column, node.asText());
    }

    private Instant parseInstant(String text) {
        if (text.matches("-?\\d{1,18}")) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notIsoWithOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeParseException notIsoLocal) {
                return LocalDateTime.parse(text, SQL_DATETIME).atZone(zone).toInstant();
            }
        }
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not true or false");
        };
    }

    private static RecordFormatException unsupported(Column column) {
        return new RecordFormatException("column '" + column.getName() + "' has type "
                + column.getTypeInfo().getTypeName() + ", which formats CSV and FLATTEN do not write");
    }

    private static RecordFormatException mismatch(Column column, String value, Exception cause) {
        return new RecordFormatException("value " + shorten(value) + " does not fit column '" + column.getName()
                + "' of type " + column.getTypeInfo().getTypeName(), cause);
    }

    private static String shorten(String value) {
        String quoted = "'" + value + "'";
        return quoted.length() <= MAX_SHOWN ? quoted : quoted.substring(0, MAX_SHOWN) + "...'";
    }
}
