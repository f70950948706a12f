package io.newsstream.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaRegistryProcessTest {

    @TempDir Path tmp;

    @Test
    void missingApplicationErrorSaysHowToBuildIt() {
        assertThatThrownBy(() -> SchemaRegistryProcess.locateApplication(null, null, tmp))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("./mvnw -pl registry package")
                .hasMessageContaining(SchemaRegistryProcess.APP_PROPERTY)
                .hasMessageContaining(tmp.toString());
    }

    @Test
    void findsApplicationInAParentOfTheWorkingDirectory() throws Exception {
        Path app = createApp(tmp);
        Path moduleDir = Files.createDirectories(tmp.resolve("consumer").resolve("target"));

        assertThat(SchemaRegistryProcess.locateApplication(null, "", moduleDir)).isEqualTo(app);
    }

    @Test
    void propertyWinsOverEnvironmentAndAcceptsTheAppDirectory() throws Exception {
        Path fromProperty = createApp(tmp.resolve("a"));
        Path fromEnv = createApp(tmp.resolve("b"));

        assertThat(
                        SchemaRegistryProcess.locateApplication(
                                fromProperty.getParent().toString(), fromEnv.toString(), tmp))
                .isEqualTo(fromProperty);
        assertThat(SchemaRegistryProcess.locateApplication(null, fromEnv.toString(), tmp))
                .isEqualTo(fromEnv);
    }

    @Test
    void explicitApplicationThatDoesNotExistIsReportedWithItsSource() {
        Path missing = tmp.resolve("nope.jar");

        assertThatThrownBy(
                        () ->
                                SchemaRegistryProcess.locateApplication(
                                        null, missing.toString(), tmp))
                .hasMessageContaining(missing.toString())
                .hasMessageContaining(SchemaRegistryProcess.APP_ENV)
                .hasMessageContaining("./mvnw -pl registry package");
    }

    @Test
    void optionsRejectInvalidValues() {
        SchemaRegistryProcess.Options defaults = SchemaRegistryProcess.Options.defaults();

        assertThatThrownBy(() -> defaults.withMaxHeap("-Xmx256m")).hasMessageContaining("maxHeap");
        assertThatThrownBy(() -> defaults.withPort(70_000)).hasMessageContaining("port");
        assertThatThrownBy(() -> defaults.withStartTimeout(Duration.ZERO))
                .hasMessageContaining("startTimeout");
        assertThat(defaults.withMaxHeap("1g").maxHeap()).isEqualTo("1g");
    }

    @Test
    void logTailShowsOnlyTheLastLinesWrittenSinceTheOffset() throws Exception {
        Path log = tmp.resolve("registry.log");
        Files.writeString(log, "old run\n");
        long offset = Files.size(log);
        Files.writeString(log, "one\ntwo\nthree\n", java.nio.file.StandardOpenOption.APPEND);

        assertThat(SchemaRegistryProcess.logTail(log, offset, 2)).isEqualTo("two\nthree");
        assertThat(SchemaRegistryProcess.logTail(log, Files.size(log), 2)).isEqualTo("(empty)");
    }

    @Test
    void logTailLeavesOutStackFrames() throws Exception {
        Path log = tmp.resolve("registry.log");
        Files.writeString(
                log,
                "ERROR Failed to start\n\tat org.h2.Foo.bar(Foo.java:1)\n\t... 15 more\n"
                        + "Caused by: The file is locked\n\tat org.h2.Baz.qux(Baz.java:2)\n");

        assertThat(SchemaRegistryProcess.logTail(log, 0, 10))
                .isEqualTo("ERROR Failed to start\nCaused by: The file is locked");
    }

    private static Path createApp(Path root) throws Exception {
        Path app = root.resolve(SchemaRegistryProcess.APP_RELATIVE_PATH);
        Files.createDirectories(app.getParent());
        return Files.createFile(app).toAbsolutePath();
    }
}
