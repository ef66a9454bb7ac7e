package io.sinkline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.sinkline.cli.maxcompute.MaxComputeEmulatorCommand;
import io.sinkline.cli.tablestore.TablestoreEmulatorCommand;
import picocli.CommandLine;

/** {@code --sts} starts the emulator's STS endpoint and prints how a client outside the process trusts it. */
class StsTrustTest {

    private static final Pattern STS_LINE = Pattern.compile("sts:\\s+(\\S+)");
    private static final Pattern TRUST_STORE = Pattern.compile("-Djavax\\.net\\.ssl\\.trustStore=(\\S+)");
    private static final Pattern PASSWORD = Pattern.compile("-Djavax\\.net\\.ssl\\.trustStorePassword=(\\S+)");

    @ParameterizedTest
    @ValueSource(strings = {"tablestore", "maxcompute"})
    void thePrintedTrustStoreTrustsThePrintedEndpoint(String service) throws Exception {
        StringWriter out = new StringWriter();
        Callable<Integer> command = service.equals("tablestore") ? new TablestoreEmulatorCommand() : new MaxComputeEmulatorCommand();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        Thread runner = new Thread(() -> commandLine.execute("--port", "0", "--sts"));
        runner.start();
        try {
            String text = awaitLine(out, "Press Ctrl-C");
            Matcher endpoint = STS_LINE.matcher(text);
            Matcher store = TRUST_STORE.matcher(text);
            assertThat(endpoint.find()).as(text).isTrue();
            Matcher password = PASSWORD.matcher(text);
            assertThat(store.find()).as(text).isTrue();
            assertThat(password.find()).as(text).isTrue();
            Path trustStore = Path.of(store.group(1));
            assertThat(trustStore).exists();

            URI uri = URI.create(endpoint.group(1).contains("://") ? endpoint.group(1) : "https://" + endpoint.group(1));
            try (SSLSocket socket = (SSLSocket) trusting(trustStore, password.group(1)).getSocketFactory().createSocket(uri.getHost(), uri.getPort())) {
                socket.startHandshake(); // fails unless the printed store holds the endpoint's certificate
                assertThat(socket.getSession().getPeerCertificates()).isNotEmpty();
            }
        } finally {
            runner.interrupt();
            runner.join(10_000);
        }
        assertThat(runner.isAlive()).isFalse();
    }

    private static SSLContext trusting(Path trustStore, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            store.load(in, password.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static String awaitLine(StringWriter out, String marker) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (out.toString().contains(marker)) {
                return out.toString();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the emulator did not start: " + out);
    }
}
