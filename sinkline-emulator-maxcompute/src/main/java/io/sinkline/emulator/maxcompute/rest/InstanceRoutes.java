package io.sinkline.emulator.maxcompute.rest;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.aliyun.odps.commons.util.DateUtils;

import io.sinkline.emulator.maxcompute.http.OdpsError;
import io.sinkline.emulator.maxcompute.http.ServiceRequest;
import io.sinkline.emulator.maxcompute.http.ServiceResponse;
import io.sinkline.emulator.maxcompute.http.Xml;
import io.sinkline.emulator.maxcompute.sql.QueryResult;
import io.sinkline.emulator.maxcompute.sql.SqlEngine;

/**
 * SQL instances: {@code POST /projects/{p}/instances} runs the job's SQL at once and answers 201 with a Location;
 * {@code GET …/instances/{id}} (status), {@code ?taskstatus} and {@code ?result} report on it.
 */
final class InstanceRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceRoutes.class);

    private final SqlEngine engine;
    private final String owner;
    /** The most recent instances; older ones (and their results) are forgotten, as the service expires them. */
    private final Map<String, SqlInstance> instances = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, SqlInstance> eldest) {
                    return size() > MAX_INSTANCES;
                }
            });
    private static final int MAX_INSTANCES = 1000;
    private final AtomicLong sequence = new AtomicLong();

    InstanceRoutes(SqlEngine engine, String owner) {
        this.engine = engine;
        this.owner = owner;
    }

    ServiceResponse create(ServiceRequest request, String project, String baseUrl) throws Exception {
        List<JobXml.SqlTaskSpec> tasks = JobXml.sqlTasks(request.readBody());
        if (tasks.size() != 1) {
            throw OdpsError.invalidArgument("Exactly one SQL task per instance is supported");
        }
        JobXml.SqlTaskSpec task = tasks.get(0);
        String id = String.format("%tY%<tm%<td%<tH%<tM%<tS%03dgsinkline%06d", new Date(), 0, sequence.incrementAndGet());
        Date start = new Date();
        SqlInstance instance;
        try {
            QueryResult result = engine.execute(task.query());
            instance = new SqlInstance(id, task.name(), true, result.toCsv(), result, start, new Date());
        } catch (OdpsError e) {
            LOG.debug("SQL failed: {} -> {}", task.query(), e.getMessage());
            instance = new SqlInstance(id, task.name(), false, e.code() + ":" + e.getMessage(), null, start, new Date());
        }
        instances.put(id, instance);
        return ServiceResponse.empty(201).header("Location", baseUrl + "/projects/" + project + "/instances/" + id);
    }

    /** The typed result of a successful instance, for the instance tunnel. */
    QueryResult result(String id) {
        SqlInstance instance = find(id);
        if (!instance.success()) {
            throw new OdpsError(400, "InstanceFailed", "Instance " + id + " failed: " + instance.result());
        }
        return instance.typed();
    }

    private SqlInstance find(String id) {
        SqlInstance instance = instances.get(id);
        if (instance == null) {
            throw OdpsError.noSuchObject("Instance not found - " + id);
        }
        return instance;
    }

    ServiceResponse get(ServiceRequest request, String id) {
        SqlInstance instance = find(id);
        String body;
        if (request.has("taskstatus")) {
            body = "<Instance>" + Xml.element("Status", "Terminated") + "<Tasks><Task Type=\"SQL\">"
                    + Xml.element("Name", instance.taskName())
                    + Xml.element("StartTime", DateUtils.formatRfc822Date(instance.start()))
                    + Xml.element("EndTime", DateUtils.formatRfc822Date(instance.end()))
                    + Xml.element("Status", instance.success() ? "Success" : "Failed") + "</Task></Tasks></Instance>";
        } else if (request.has("result")) {
            body = "<Instance><Tasks><Task Type=\"SQL\">" + Xml.element("Name", instance.taskName())
                    + "<Result Format=\"csv\"><![CDATA[" + instance.result().replace("]]>", "]]]]><![CDATA[>")
                    + "]]></Result>" + Xml.element("Status", instance.success() ? "Success" : "Failed")
                    + "</Task></Tasks></Instance>";
        } else {
            body = "<Instance>" + Xml.element("Status", "Terminated") + "</Instance>";
        }
        return ServiceResponse.xml(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body)
                .header("x-odps-owner", owner)
                .header("x-odps-start-time", DateUtils.formatRfc822Date(instance.start()))
                .header("x-odps-end-time", DateUtils.formatRfc822Date(instance.end()));
    }
}
