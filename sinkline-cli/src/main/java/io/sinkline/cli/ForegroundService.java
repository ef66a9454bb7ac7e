package io.sinkline.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps a started service (an emulator, the local stack) in the foreground until the JVM is asked
 * to stop (Ctrl-C, SIGTERM) or the calling thread is interrupted, and closes it either way.
 */
public final class ForegroundService {

    private ForegroundService() {
    }

    /** Blocks until stopped; the service is closed exactly once, by the shutdown hook or here. */
    public static void runUntilStopped(AutoCloseable service, String name) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            closeQuietly(service);
            stopped.countDown();
        }, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } finally {
            // Interrupted (embedded use, tests): stop now instead of at JVM exit.
            if (stopped.getCount() > 0) {
                Runtime.getRuntime().removeShutdownHook(hook);
                closeQuietly(service);
            }
        }
    }

    private static void closeQuietly(AutoCloseable service) {
        try {
            service.close();
        } catch (Exception e) {
            System.err.println("error while stopping: " + e.getMessage());
        }
    }
}
