package io.sinkline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * How a client outside this process trusts an emulator's STS endpoint (STS clients speak HTTPS only, and the
 * emulators' certificate is a self-signed one): the JVM options that point it at the emulator's trust store.
 */
public final class StsTrust {

    private StsTrust() {
    }

    /** Prints the endpoint and the JVM options that make a client trust it. */
    public static void describe(PrintWriter out, String endpoint, Path trustStore, String password) {
        out.printf("  sts:     %s%n", endpoint);
        out.printf("           clients trust it with -Djavax.net.ssl.trustStore=%s -Djavax.net.ssl.trustStorePassword=%s"
                + " -Djavax.net.ssl.trustStoreType=PKCS12%n", trustStore, password);
        out.println("           (e.g. in KAFKA_OPTS; that trust store replaces the JVM's own CA list)");
    }
}
