package io.newsstream.infra;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Entry point of a child JVM that must not outlive the process that started it.
 *
 * <p>Usage: {@code java -cp DIR:app.jar io.newsstream.infra.ParentWatchdogMain PARENT_PID
 * MAIN_CLASS [ARGS...]}. It starts a daemon thread that polls the parent process every {@value
 * #POLL_MILLIS} ms and, once the parent is gone (even after {@code kill -9}), calls {@link
 * System#exit(int)} so the child's own shutdown hooks stop it cleanly; a halt follows if that takes
 * longer than {@value #HALT_AFTER_MILLIS} ms. Then it runs {@code MAIN_CLASS.main(ARGS)} in the
 * current thread.
 *
 * <p>{@link SchemaRegistryProcess} copies this single class file into a private directory and puts
 * only that directory in front of the registry's class path, so the class must stay self-contained:
 * JDK classes only, no nested or anonymous classes (lambdas are fine). It writes to {@code
 * System.err} on purpose: it runs before the wrapped application has set up its logging, must not
 * touch {@code java.util.logging} (Quarkus installs its own log manager), and its stderr is the
 * child's log file.
 */
public final class ParentWatchdogMain {

    static final long POLL_MILLIS = 500;
    static final long HALT_AFTER_MILLIS = 15_000;
    static final String DELETE_ON_ORPHAN_PROPERTY = "newsstream.watchdog.delete-on-orphan";

    private ParentWatchdogMain() {}

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println(
                    "usage: ParentWatchdogMain PARENT_PID MAIN_CLASS [ARGS...] (got "
                            + Arrays.toString(args)
                            + ")");
            System.exit(2);
        }
        long parentPid = Long.parseLong(args[0]);
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty() || !parent.get().isAlive()) {
            System.err.println("[watchdog] parent process " + parentPid + " is gone; not starting");
            System.exit(3);
        }
        ignoreInterrupt();
        ProcessHandle watched = parent.get();
        Thread watchdog =
                new Thread(() -> watch(watched), "newsstream-parent-watchdog-" + parentPid);
        watchdog.setDaemon(true);
        watchdog.start();

        Method main =
                Class.forName(args[1], true, ClassLoader.getSystemClassLoader())
                        .getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Ctrl-C in a terminal sends SIGINT to every process of the foreground group, this child too:
     * it would stop at once while the parent still stops the parts that use it. The parent stops it
     * (SIGTERM), or this watchdog when the parent is gone.
     */
    @SuppressWarnings("restriction")
    private static void ignoreInterrupt() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            System.err.println("[watchdog] cannot ignore SIGINT here: " + e);
        }
    }

    private static void watch(ProcessHandle parent) {
        // isAlive() compares the start time too, so a recycled pid does not look like our parent.
        while (parent.isAlive()) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
        System.err.println("[watchdog] parent process " + parent.pid() + " exited; stopping");
        String orphanedDir = System.getProperty(DELETE_ON_ORPHAN_PROPERTY);
        if (orphanedDir != null) {
            deleteTree(Path.of(orphanedDir));
        }
        Thread halt =
                new Thread(
                        () -> {
                            try {
                                Thread.sleep(HALT_AFTER_MILLIS);
                            } catch (InterruptedException e) {
                                return;
                            }
                            System.err.println("[watchdog] clean exit took too long; halting");
                            Runtime.getRuntime().halt(1);
                        },
                        "newsstream-parent-watchdog-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(0);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            System.err.println("[watchdog] could not delete " + dir + ": " + e);
        }
    }
}
