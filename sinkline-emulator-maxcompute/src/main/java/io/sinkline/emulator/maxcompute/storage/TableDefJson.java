package io.sinkline.emulator.maxcompute.storage;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Table definitions as JSON: how they are persisted, and the {@code columns}/{@code partitionKeys} the SDK reads. */
public final class TableDefJson {

    private TableDefJson() {
    }

    public static JsonArray columns(List<ColumnDef> columns) {
        JsonArray a = new JsonArray();
        for (ColumnDef c : columns) {
            JsonObject o = new JsonObject();
            o.addProperty("name", c.name());
            o.addProperty("type", c.type());
            o.addProperty("comment", c.comment());
            o.addProperty("isNullable", c.nullable());
            o.addProperty("label", "");
            a.add(o);
        }
        return a;
    }

    public static String write(TableDef t) {
        JsonObject o = new JsonObject();
        o.addProperty("name", t.name());
        o.addProperty("comment", t.comment());
        o.addProperty("createTime", t.createdSeconds());
        o.addProperty("lastDDLTime", t.lastDdlSeconds());
        o.add("columns", columns(t.columns()));
        o.add("partitionKeys", columns(t.partitionKeys()));
        return o.toString();
    }

    public static TableDef read(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        return new TableDef(o.get("name").getAsString(), readColumns(o.getAsJsonArray("columns")),
                readColumns(o.getAsJsonArray("partitionKeys")), o.get("comment").getAsString(),
                o.get("createTime").getAsLong(), o.get("lastDDLTime").getAsLong());
    }

    private static List<ColumnDef> readColumns(JsonArray a) {
        List<ColumnDef> cols = new ArrayList<>();
        for (JsonElement e : a) {
            JsonObject c = e.getAsJsonObject();
            boolean nullable = !c.has("isNullable") || c.get("isNullable").getAsBoolean();
            cols.add(new ColumnDef(c.get("name").getAsString(), c.get("type").getAsString(), c.get("comment").getAsString(),
                    nullable));
        }
        return cols;
    }
}
