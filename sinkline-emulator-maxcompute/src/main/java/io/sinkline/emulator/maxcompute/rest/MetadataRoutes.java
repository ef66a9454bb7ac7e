package io.sinkline.emulator.maxcompute.rest;

import java.util.Date;
import java.util.List;

import com.aliyun.odps.commons.util.DateUtils;
import com.google.gson.JsonObject;

import io.sinkline.emulator.maxcompute.http.OdpsError;
import io.sinkline.emulator.maxcompute.http.ServiceRequest;
import io.sinkline.emulator.maxcompute.http.ServiceResponse;
import io.sinkline.emulator.maxcompute.http.Xml;
import io.sinkline.emulator.maxcompute.storage.PartitionValues;
import io.sinkline.emulator.maxcompute.storage.Store;
import io.sinkline.emulator.maxcompute.storage.TableDef;
import io.sinkline.emulator.maxcompute.storage.TableDefJson;

/** Project, table and partition metadata: what {@code Project.reload}, {@code Table.reload} and the partition calls read. */
final class MetadataRoutes {

    private static final String XML_HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private final Store store;
    private final String project;
    private final String owner;
    private final Date created = new Date();

    MetadataRoutes(Store store, String project, String owner) {
        this.store = store;
        this.project = project;
        this.owner = owner;
    }

    ServiceResponse project() {
        String body = XML_HEADER + "<Project>" + Xml.element("Name", project) + Xml.element("Type", "managed")
                + Xml.element("Comment", "sinkline emulator") + Xml.element("Owner", owner)
                + Xml.element("State", "AVAILABLE")
                + "<Properties><Property><Name>odps.schema.model.enabled</Name><Value>false</Value></Property></Properties>"
                + "</Project>";
        return ServiceResponse.xml(200, body)
                .header("x-odps-owner", owner)
                .header("x-odps-creation-time", DateUtils.formatRfc822Date(created))
                .header("Last-Modified", DateUtils.formatRfc822Date(created));
    }

    /** The table list; {@code ?name=} filters by name prefix, as the service does. */
    ServiceResponse listTables(ServiceRequest request) {
        String prefix = request.param("name").orElse("").toLowerCase();
        StringBuilder b = new StringBuilder(XML_HEADER + "<Tables>");
        for (String name : store.tableNames()) {
            if (!name.startsWith(prefix)) {
                continue;
            }
            b.append("<Table>").append(Xml.element("Name", name)).append(Xml.element("Owner", owner)).append("</Table>");
        }
        b.append("<Marker></Marker><MaxItems>1000</MaxItems></Tables>");
        return ServiceResponse.xml(200, b.toString());
    }

    /** GET on a table: its metadata, a partition's metadata ({@code ?partition=}) or the partition list ({@code ?partitions}). */
    ServiceResponse table(ServiceRequest request, String tableName) {
        TableDef def = store.requireTable(tableName);
        if (request.has("partitions")) {
            return partitions(def, request);
        }
        if (request.param("partition").isPresent()) {
            return partition(def, PartitionValues.parse(def, request.param("partition").get()));
        }
        JsonObject schema = new JsonObject();
        schema.addProperty("tableName", def.name());
        schema.addProperty("comment", def.comment());
        schema.addProperty("owner", owner);
        schema.addProperty("createTime", def.createdSeconds());
        schema.addProperty("lastModifiedTime", def.lastDdlSeconds());
        schema.addProperty("lastDDLTime", def.lastDdlSeconds());
        schema.addProperty("lastAccessTime", 0);
        schema.addProperty("isVirtualView", false);
        schema.addProperty("isExternal", false);
        schema.addProperty("lifecycle", -1);
        schema.addProperty("size", 0);
        schema.add("columns", TableDefJson.columns(def.columns()));
        schema.add("partitionKeys", TableDefJson.columns(def.partitionKeys()));
        String body = XML_HEADER + "<Table format=\"json\">" + Xml.element("Name", def.name())
                + Xml.element("TableId", Integer.toHexString(def.name().hashCode())) + Xml.cdata("Schema", schema.toString())
                + Xml.element("Owner", owner) + Xml.element("Project", project) + Xml.element("SchemaName", "default")
                + Xml.element("CreationTime", DateUtils.formatRfc822Date(new Date(def.createdSeconds() * 1000)))
                + Xml.element("LastModifiedTime", DateUtils.formatRfc822Date(new Date(def.lastDdlSeconds() * 1000)))
                + "</Table>";
        return ServiceResponse.xml(200, body);
    }

    private ServiceResponse partition(TableDef def, PartitionValues p) {
        long created = store.partitionCreated(def, p)
                .orElseThrow(() -> OdpsError.noSuchPartition("Partition not found - " + p.display()));
        JsonObject meta = new JsonObject();
        meta.addProperty("createTime", created);
        meta.addProperty("lastDDLTime", created);
        meta.addProperty("lastModifiedTime", created);
        meta.addProperty("lastAccessTime", 0);
        meta.addProperty("partitionSize", 0);
        meta.addProperty("partitionRecordNum", store.rowCount(def, p));
        return ServiceResponse.xml(200, XML_HEADER + "<Partition>" + Xml.cdata("Schema", meta.toString()) + "</Partition>");
    }

    private ServiceResponse partitions(TableDef def, ServiceRequest request) {
        List<PartitionValues> all = store.partitions(def);
        if (request.param("partition").isPresent()) {
            // a prefix filter such as pt='a' on a table partitioned by (pt, region)
            var filter = new com.aliyun.odps.PartitionSpec(request.param("partition").get());
            all = all.stream().filter(p -> filter.keys().stream().allMatch(k -> {
                int i = p.keys().indexOf(k.toLowerCase());
                return i >= 0 && filter.get(k).equals(p.values().get(i));
            })).toList();
        }
        boolean namesOnly = request.has("name");
        StringBuilder b = new StringBuilder(XML_HEADER + "<Partitions>");
        for (PartitionValues p : all) {
            b.append("<Partition>");
            if (namesOnly) {
                b.append(Xml.element("Name", p.display()));
            } else {
                for (int i = 0; i < p.keys().size(); i++) {
                    b.append("<Column Name=\"").append(Xml.escape(p.keys().get(i))).append("\" Value=\"")
                            .append(Xml.escape(p.values().get(i))).append("\"/>");
                }
                long created = store.partitionCreated(def, p).orElse(0L);
                b.append(Xml.element("CreationTime", Long.toString(created)))
                        .append(Xml.element("LastDDLTime", Long.toString(created)))
                        .append(Xml.element("LastModifiedTime", Long.toString(created)));
            }
            b.append("</Partition>");
        }
        b.append("<Marker></Marker><MaxItems>").append(Math.max(all.size(), 1)).append("</MaxItems></Partitions>");
        return ServiceResponse.xml(200, b.toString());
    }
}
