package io.sinkline.emulator.maxcompute.rest;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.sinkline.emulator.maxcompute.http.OdpsError;

/** Reads the tasks of an instance-creation body ({@code <Instance><Job><Tasks><SQL><Name/><Query/>…}). */
final class JobXml {

    record SqlTaskSpec(String name, String query) {
    }

    private JobXml() {
    }

    static List<SqlTaskSpec> sqlTasks(byte[] body) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
            NodeList tasks = doc.getElementsByTagName("Tasks");
            List<SqlTaskSpec> out = new ArrayList<>();
            if (tasks.getLength() == 0) {
                throw OdpsError.invalidArgument("The job has no tasks");
            }
            NodeList children = tasks.item(0).getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                Node n = children.item(i);
                if (n instanceof Element task) {
                    if (!task.getTagName().equals("SQL")) {
                        throw new OdpsError(400, "InvalidArgument", "Only SQL tasks are supported, got " + task.getTagName());
                    }
                    out.add(new SqlTaskSpec(childText(task, "Name"), childText(task, "Query")));
                }
            }
            return out;
        } catch (OdpsError e) {
            throw e;
        } catch (Exception e) {
            throw OdpsError.invalidArgument("Malformed job XML: " + e.getMessage());
        }
    }

    private static String childText(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent();
            }
        }
        return "";
    }
}
