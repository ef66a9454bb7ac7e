package io.sinkline.bench.sink;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the benchmark starts on its own class path, to run one part of the measurement in a
 * process of its own (the emulator as a service, the raw SDK ceiling as a client). The two talk
 * in lines: the parent writes commands to the child's stdin, the child answers on stdout; the
 * child's stderr (its logs) goes to the parent's. A child ends when its stdin closes, so it
 * never outlives the benchmark, even one that was killed.
 */
public final class ChildJvm implements AutoCloseable {

    /** A child's answer to {@link #ask}: done, with a result, or failed, with the reason. */
    private static final String DONE = "done ";
    private static final String FAILED = "failed ";
    /** The command every child answers: a full garbage collection. */
    private static final String GC = "gc";

    private static final String EOF = "\u0000eof";

    private final String name;
    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> readAnswers(process.getInputStream()), "bench-child-" + name + "-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code main} with {@code args} in a new JVM (same java, same class path, default GC)
     * with a fixed heap of {@code heapMb}: a heap that can shrink after the full collections the
     * benchmark asks for between paths grows back on the next path's time.
     */
    public static ChildJvm start(String name, int heapMb, Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-cp");
        command.add(classPath(main));
        command.add("-Xms" + heapMb + "m");
        command.add("-Xmx" + heapMb + "m");
        // Profiling aid, e.g. -Dsinkline.bench.child.options=-XX:StartFlightRecording=filename=/tmp/{name}.jfr
        String extra = System.getProperty("sinkline.bench.child.options");
        if (extra != null && !extra.isBlank()) {
            command.addAll(Arrays.asList(extra.replace("{name}", name).trim().split(" +")));
        }
        String logLevel = System.getProperty("sinkline.bench.log.level");
        if (logLevel != null) {
            command.add("-Dsinkline.bench.log.level=" + logLevel);
        }
        command.add(main.getName());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new ChildJvm(name, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the " + name + " JVM", e);
        }
    }

    /**
     * The class path {@code main} was loaded from: under {@code exec:java} the project's jars are
     * in the plugin's class loader, not in {@code java.class.path} (which is Maven's own).
     */
    private static String classPath(Class<?> main) {
        if (main.getClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalStateException("class path entry " + url + " is not a file", e);
                }
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    private void readAnswers(InputStream stdout) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                answers.add(line);
            }
        } catch (IOException ignored) {
            // the child ended
        }
        answers.add(EOF);
    }


    /**
     * Waits for the next answer starting with {@code prefix} and returns the rest of it; other
     * lines the child printed are echoed. Fails if the child ends or does not answer in time.
     */
    public String await(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = answers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("the " + name + " JVM did not answer '" + prefix + "' in " + timeout);
            }
            if (line.equals(EOF)) {
                throw new IllegalStateException("the " + name + " JVM ended before answering '" + prefix + "'");
            }
            if (line.startsWith(prefix) || line.equals(prefix.trim())) {
                return line.length() > prefix.length() ? line.substring(prefix.length()).trim() : "";
            }
            if (line.startsWith(FAILED)) {
                throw new IllegalStateException("the " + name + " JVM failed: " + line.substring(FAILED.length()));
            }
            System.out.println("[" + name + "] " + line);
        }
    }

    /**
     * Sends a command ({@code words} joined by spaces, none of them blank or holding a space) and
     * waits for its answer; returns the result, or throws with the child's reason if it failed.
     */
    public String ask(Duration timeout, Object... words) throws InterruptedException {
        StringBuilder command = new StringBuilder();
        for (Object word : words) {
            command.append(command.isEmpty() ? "" : " ").append(word);
        }
        commands.println(command);
        return await(DONE, timeout);
    }

    /** Asks for a full garbage collection in the child and waits until it is done. */
    public void collectGarbage() throws InterruptedException {
        ask(Duration.ofMinutes(1), GC);
    }

    /** What a child does with the words of one command; returns the result ("" for none). */
    @FunctionalInterface
    public interface CommandHandler {
        String handle(String[] words) throws Exception;
    }

    /**
     * In a child: answers one command line from the parent, {@code gc} itself and the rest through
     * {@code handler}; a failure is answered (the parent fails with it) and its trace logged.
     */
    public static void answer(String line, CommandHandler handler) {
        String[] words = line.trim().split(" ");
        try {
            if (words[0].equals(GC)) {
                System.gc();
                System.out.println(DONE);
            } else {
                System.out.println(DONE + handler.handle(words));
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.out.println(FAILED + String.valueOf(e).replace('\n', ' '));
        }
        System.out.flush();
    }

    /** CPU time the child has used so far (user and system, all its threads), or 0 once it ended. */
    public long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    public String name() {
        return name;
    }

    /** Closes the child's stdin (its cue to stop) and waits for it to end; forces it after 30 s. */
    @Override
    public void close() throws InterruptedException {
        commands.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** In a child: the parent's commands, one per line, until the parent closes them or ends. */
    public static BufferedReader commandsFromParent() {
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
}
