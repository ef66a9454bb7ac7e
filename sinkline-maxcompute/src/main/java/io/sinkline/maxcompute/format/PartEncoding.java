package io.sinkline.maxcompute.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.aliyun.odps.Column;
import com.aliyun.odps.OdpsType;
import com.aliyun.odps.data.ArrayRecord;
import com.aliyun.odps.data.Binary;
import com.aliyun.odps.data.SimpleJsonValue;
import com.fasterxml.jackson.databind.JsonNode;

import io.sinkline.core.record.ConnectValues;
import io.sinkline.core.record.PayloadDecoder;
import io.sinkline.core.record.PayloadFormat;

/** How a whole key or value goes into its column for TEXT, BINARY and JSON. */
enum PartEncoding {
    TEXT {
        @Override
        void write(ArrayRecord row, int index, Object part, String what) {
            row.setString(index, text(part));
        }
    },
    BINARY {
        @Override
        void write(ArrayRecord row, int index, Object part, String what) {
            byte[] bytes = bytes(part);
            if (row.getColumns()[index].getTypeInfo().getOdpsType() == OdpsType.BINARY) {
                row.setBinary(index, new Binary(bytes));
            } else {
                row.setString(index, bytes);
            }
        }
    },
    JSON {
        private final PayloadDecoder decoder = new PayloadDecoder(PayloadFormat.JSON);

        @Override
        void write(ArrayRecord row, int index, Object part, String what) {
            JsonNode tree = decoder.decode(part, what); // throws RecordFormatException on bad JSON
            Column column = row.getColumns()[index];
            if (column.getTypeInfo().getOdpsType() == OdpsType.JSON) {
                row.set(index, new SimpleJsonValue(tree.toString()));
            } else {
                // A STRING column keeps the text as sent; structured values are serialised.
                row.setString(index, part instanceof String s ? s : tree.toString());
            }
        }
    };

    /** Writes a non-null key or value. {@code what} is "key" or "value", for messages. */
    abstract void write(ArrayRecord row, int index, Object part, String what);

    static String text(Object part) {
        if (part instanceof String s) {
            return s;
        }
        if (part instanceof byte[] || part instanceof ByteBuffer) {
            return new String(bytes(part), StandardCharsets.UTF_8);
        }
        JsonNode tree = ConnectValues.toTree(part);
        return tree.isValueNode() ? tree.asText() : tree.toString();
    }

    static byte[] bytes(Object part) {
        if (part instanceof byte[] b) {
            return b;
        }
        if (part instanceof ByteBuffer buffer) {
            byte[] b = new byte[buffer.remaining()];
            buffer.duplicate().get(b);
            return b;
        }
        return text(part).getBytes(StandardCharsets.UTF_8);
    }
}
