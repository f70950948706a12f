package io.newsstream.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.config.ConfigSource;
import io.newsstream.common.config.Setting;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class AppCommandTest {

    static final Setting GREETING = new Setting("demo.greeting", "hello", "What to say.");

    @Command(name = "demo")
    static final class Demo extends AppCommand {
        @Option(names = "--fail")
        boolean fail;

        String said;

        @Override
        protected List<Setting> settings() {
            return List.of(GREETING);
        }

        @Override
        protected int run(ConfigSource settings) {
            if (fail) {
                throw new IllegalStateException("boom");
            }
            said = settings.string(GREETING);
            return EXIT_OK;
        }
    }

    @TempDir Path dir;
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private final Demo demo = new Demo();

    private int run(Map<String, String> env, String... args) {
        return AppCommand.execute(demo, args, env, err);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void configFileThenSetThenEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("a.properties"), "demo.greeting=from-file\n");
        assertThat(run(Map.of(), "--config", file.toString())).isZero();
        assertThat(demo.said).isEqualTo("from-file");

        assertThat(run(Map.of(), "--config", file.toString(), "--set", "demo.greeting=from-set"))
                .isZero();
        assertThat(demo.said).isEqualTo("from-set");

        assertThat(
                        run(
                                Map.of("NEWSSTREAM_DEMO_GREETING", "from-env"),
                                "--set",
                                "demo.greeting=from-set"))
                .isZero();
        assertThat(demo.said).isEqualTo("from-env");
    }

    @Test
    void helpAndVersionExitZero() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(run(Map.of(), "--version")).isZero();
    }

    @Test
    void usageAndConfigurationErrorsExitTwoWithOneLine() {
        assertThat(run(Map.of(), "--no-such-option")).isEqualTo(AppCommand.EXIT_USAGE);
        assertThat(err()).contains("--no-such-option");

        errBytes.reset();
        assertThat(run(Map.of(), "--set", "demo.greetin=x")).isEqualTo(AppCommand.EXIT_USAGE);
        assertThat(err()).startsWith("Configuration error: Unknown setting 'demo.greetin'");
        assertThat(err().lines()).hasSize(1);
    }

    @Test
    void failureExitsOne() {
        assertThat(run(Map.of(), "--fail")).isEqualTo(AppCommand.EXIT_FAILURE);
        assertThat(err()).contains("demo FAILED").contains("boom");
    }
}
