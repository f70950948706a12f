package io.newsstream.infra;

import java.nio.file.Path;

/**
 * Test helper run as its own JVM by {@link SchemaRegistryProcessIT}: starts a registry, prints
 * {@code REGISTRY pid=PID port=PORT} and waits to be killed, so the test can kill this parent with
 * SIGKILL and check the registry does not outlive it.
 */
public final class RegistryParentMain {

    static final String READY_PREFIX = "REGISTRY ";

    private RegistryParentMain() {}

    public static void main(String[] args) throws Exception {
        SchemaRegistryProcess registry =
                SchemaRegistryProcess.start(
                        SchemaRegistryProcess.Options.defaults().withLogFile(Path.of(args[0])));
        // The test reads this line from our stdout.
        System.out.println(READY_PREFIX + "pid=" + registry.pid() + " port=" + registry.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
