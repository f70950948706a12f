package io.newsstream.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The one way tests reach data that is not in the repository: the project brief's data folder,
 * {@code ../shared} beside the checkout (feeds in {@code feeds/}, the Reuters-21578 extract in
 * {@code eval/reuters21578}). A fresh clone does not have it.
 *
 * <p>A test calls {@link #require(String)} (or {@link #feeds()}, {@link #reuters()}) where it needs
 * a path: when the path is missing the test is <em>skipped</em> (a JUnit assumption) with one line
 * naming what is missing, also printed once per JVM on standard error. With {@code
 * NEWSSTREAM_SHARED_REQUIRED=true} (or {@code -Dnewsstream.shared.required=true}; {@code .ci/run}
 * sets it) the same call <em>fails</em> the test instead, so CI never skips silently.
 *
 * <p>Where the folder is, first found wins: the environment variable {@code NEWSSTREAM_SHARED_DIR},
 * the system property {@code newsstream.shared.dir} (the parent pom passes {@code ../shared}
 * relative to the checkout), else {@code ../shared} of the repository ({@code
 * newsstream.repo.dir}). Point either at a directory that does not exist to see what a fresh clone
 * runs.
 *
 * <p>The three demo seed articles are in the repository ({@code demo/seeds}, the same bytes as
 * {@code ../shared/seeds}): {@link #seeds()} returns that folder and never skips.
 */
public final class SharedData {

    /** Environment variable naming the data folder. */
    public static final String DIR_ENV = "NEWSSTREAM_SHARED_DIR";

    /** System property naming the data folder (set by the parent pom). */
    public static final String DIR_PROPERTY = "newsstream.shared.dir";

    /** Environment variable that turns a missing folder into a failure (CI). */
    public static final String REQUIRED_ENV = "NEWSSTREAM_SHARED_REQUIRED";

    /** System property that turns a missing folder into a failure. */
    public static final String REQUIRED_PROPERTY = "newsstream.shared.required";

    private static final Set<String> reported = ConcurrentHashMap.newKeySet();

    private SharedData() {}

    /** The data folder, whether or not it exists. */
    public static Path dir() {
        return dir(System.getenv(), System.getProperties());
    }

    static Path dir(Map<String, String> env, Properties props) {
        String fromEnv = env.get(DIR_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath().normalize();
        }
        String prop = props.getProperty(DIR_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        return repoDir().resolve("../shared").toAbsolutePath().normalize();
    }

    /** The repository root ({@code newsstream.repo.dir}, else the parent of the module). */
    public static Path repoDir() {
        return Path.of(System.getProperty("newsstream.repo.dir", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /** {@code relative} under the data folder, whether or not it exists (no assumption). */
    public static Path path(String relative) {
        return dir().resolve(relative);
    }

    /**
     * {@code relative} under the data folder; skips the calling test when it is missing (fails it
     * when the data is required, see the class comment).
     */
    public static Path require(String relative) {
        return require(relative, System.getenv(), System.getProperties());
    }

    static Path require(String relative, Map<String, String> env, Properties props) {
        Path p = dir(env, props).resolve(relative);
        if (Files.exists(p)) {
            return p;
        }
        String message = missingMessage(relative, p);
        if (required(env, props)) {
            throw new IllegalStateException(
                    message.replace("skipped", "FAILED") + " (" + REQUIRED_ENV + " is set)");
        }
        if (reported.add(relative)) {
            System.err.println(message);
        }
        Assumptions.abort(message);
        return p; // not reached
    }

    /** True when the data folder's {@code relative} exists (for tests that adapt, not skip). */
    public static boolean available(String relative) {
        return Files.exists(path(relative));
    }

    /** The brief's sample feeds ({@code ../shared/feeds}); skips when missing. */
    public static Path feeds() {
        return require("feeds");
    }

    /** The Reuters-21578 extract ({@code ../shared/eval/reuters21578}); skips when missing. */
    public static Path reuters() {
        return require("eval/reuters21578");
    }

    /** The demo seed articles of the repository ({@code demo/seeds}); always there. */
    public static Path seeds() {
        return repoDir().resolve("demo").resolve("seeds");
    }

    /** The message of a skip: what is missing, where it was looked for, and how to get it. */
    static String missingMessage(String relative, Path where) {
        return "newsstream tests: skipped, ../shared/"
                + relative
                + " is missing (looked in "
                + where
                + "); it is the project brief's data folder, put it beside the checkout or set "
                + DIR_ENV;
    }

    static boolean required(Map<String, String> env, Properties props) {
        String v = env.get(REQUIRED_ENV);
        if (v == null) {
            v = props.getProperty(REQUIRED_PROPERTY);
        }
        return v != null && Set.of("true", "1", "yes").contains(v.toLowerCase(Locale.ROOT));
    }
}
