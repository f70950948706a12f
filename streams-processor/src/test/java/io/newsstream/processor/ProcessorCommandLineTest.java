package io.newsstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.cli.AppCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The processor's command line is the shared shell: help, version, settings, exit statuses. */
class ProcessorCommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        return AppCommand.execute(new StreamsProcessorApp.Cli(), args, env, ps, ps);
    }

    @Test
    void helpListsTheSharedAndOwnSettings() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("--config", "--set", "--version")
                .contains("registry.url", "kafka.*", "topic.raw-articles", "processor.num.threads");
    }

    @Test
    void badSettingsExitTwoBeforeAnythingStarts() {
        assertThat(run(Map.of(), "--set", "processor.num.threads=0")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("Configuration error:")
                .contains("processor.num.threads");
        out.reset();
        assertThat(run(Map.of("NEWSSTREAM_TOPIC_RAW_ARTICLES", "bad topic"))).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("topic.raw-articles");
    }
}
