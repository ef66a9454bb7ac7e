package io.sinkline.emulator.maxcompute.http;

/** Minimal XML text helpers for the fixed response documents of the REST API. */
public final class Xml {

    private Xml() {
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code <name>escaped text</name>}. */
    public static String element(String name, String text) {
        return "<" + name + ">" + escape(text) + "</" + name + ">";
    }

    /** Text inside CDATA; a {@code ]]>} in the text is split across two sections. */
    public static String cdata(String name, String text) {
        return "<" + name + "><![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]></" + name + ">";
    }

    public static String error(String code, String message, String requestId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error>" + element("Code", code) + element("Message", message)
                + element("RequestId", requestId) + element("HostId", "sinkline-emulator") + "</Error>";
    }
}
