package io.sinkline.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A distributed Connect worker in a child JVM, joined to a harness's cluster. It exists so that
 * tests can crash a worker for real: {@link #kill()} sends SIGKILL, so nothing in the worker gets
 * a chance to flush, commit or leave the group cleanly.
 */
public final class ForkedConnectWorker implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final URI restUrl;
    private final Path logFile;

    private ForkedConnectWorker(Process process, URI restUrl, Path logFile) {
        this.process = process;
        this.restUrl = restUrl;
        this.logFile = logFile;
    }

    static ForkedConnectWorker start(Map<String, String> clusterWorkerProperties, String bootstrapServers) {
        try {
            int port = freePort();
            Map<String, String> props = new HashMap<>(clusterWorkerProperties);
            props.put("bootstrap.servers", bootstrapServers);
            props.put("listeners", "HTTP://localhost:" + port);
            Path dir = Files.createTempDirectory("sinkline-forked-worker");
            Path propsFile = dir.resolve("worker.properties");
            Properties properties = new Properties();
            properties.putAll(props);
            try (OutputStream out = Files.newOutputStream(propsFile)) {
                properties.store(out, "forked Connect worker");
            }
            Path logFile = dir.resolve("worker.log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx768m");
            command.add("-Dsinkline.test.log.level=" + System.getProperty("sinkline.test.log.level", "WARN"));
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("org.apache.kafka.connect.cli.ConnectDistributed");
            command.add(propsFile.toString());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            ForkedConnectWorker worker = new ForkedConnectWorker(process, URI.create("http://localhost:" + port + "/"), logFile);
            worker.awaitRestApi();
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a forked Connect worker", e);
        }
    }

    /** The worker's REST endpoint. */
    public URI restUrl() {
        return restUrl;
    }

    /** Where the child JVM's output goes, for a failing test to look at. */
    public Path logFile() {
        return logFile;
    }

    /** The body of {@code GET /connectors} on this worker (a JSON array of names), or "" if it does not answer. */
    public String listConnectors() {
        try {
            HttpURLConnection connection = (HttpURLConnection) restUrl.resolve("connectors").toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            try (var in = connection.getInputStream()) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return "";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the worker with SIGKILL and waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("forked worker did not die after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing the forked worker", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitRestApi() {
        Await.until("forked Connect worker at " + restUrl + " to serve its REST API", STARTUP_TIMEOUT,
                () -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("forked worker exited with " + process.exitValue()
                                + "; see " + logFile);
                    }
                    return restApiAnswers() ? Boolean.TRUE : null;
                },
                () -> "no answer yet; log " + logFile);
    }

    private boolean restApiAnswers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) restUrl.resolve("connectors").toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
