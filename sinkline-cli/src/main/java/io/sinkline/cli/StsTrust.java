package io.sinkline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How a client outside this process trusts an emulator's STS endpoint: the emulator's bundled trust store (its
 * self-signed certificate for 127.0.0.1/localhost), written to a file for the client JVM's {@code javax.net.ssl.*}
 * properties. STS clients speak HTTPS only, so without this a Connect worker cannot reach the endpoint.
 */
public final class StsTrust {
    /** The bundled stores' password (test material, not a secret). */
    public static final String PASSWORD = "sinkline";

    private StsTrust() {
    }

    /** Writes the trust store that sits next to {@code endpointClass} (as {@code localhost-trust.p12}) to a temp file. */
    public static Path writeTrustStore(Class<?> endpointClass) {
        try (InputStream in = endpointClass.getResourceAsStream("localhost-trust.p12")) {
            if (in == null) {
                throw new IllegalStateException("no localhost-trust.p12 next to " + endpointClass.getName());
            }
            Path file = Files.createTempFile("sinkline-sts-trust", ".p12");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the STS trust store", e);
        }
    }

    /** Prints the endpoint and the JVM options that make a client trust it. */
    public static void describe(PrintWriter out, String endpoint, Path trustStore) {
        out.printf("  sts:     %s%n", endpoint);
        out.printf("           clients trust it with -Djavax.net.ssl.trustStore=%s -Djavax.net.ssl.trustStorePassword=%s"
                + " -Djavax.net.ssl.trustStoreType=PKCS12%n", trustStore, PASSWORD);
        out.println("           (e.g. in KAFKA_OPTS; that trust store replaces the JVM's own CA list)");
    }
}
