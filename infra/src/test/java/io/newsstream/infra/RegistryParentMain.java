package io.newsstream.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test helper run as its own JVM by {@link SchemaRegistryProcessIT}: starts a registry, prints
 * {@code REGISTRY pid=PID port=PORT} and waits to be stopped, so the test can kill this parent and
 * check the registry does not outlive it, or stop it with SIGTERM and check the registry still
 * serves while this JVM's own shutdown hook runs (as the local run's does, stopping the parts that
 * use the registry first). That hook writes {@code alive=true|false} to the file given as the
 * second argument, then closes the registry.
 */
public final class RegistryParentMain {

    static final String READY_PREFIX = "REGISTRY ";

    /** How long the hook works before it looks: longer than the registry takes to stop. */
    static final long HOOK_WORK_MILLIS = 3_000;

    private RegistryParentMain() {}

    public static void main(String[] args) throws Exception {
        SchemaRegistryProcess registry =
                SchemaRegistryProcess.start(
                        SchemaRegistryProcess.Options.defaults().withLogFile(Path.of(args[0])));
        if (args.length > 1) {
            Path report = Path.of(args[1]);
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        sleep(HOOK_WORK_MILLIS);
                                        write(report, "alive=" + accepts(registry.port()));
                                        registry.close();
                                    }));
        }
        // The test reads this line from our stdout.
        System.out.println(READY_PREFIX + "pid=" + registry.pid() + " port=" + registry.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
