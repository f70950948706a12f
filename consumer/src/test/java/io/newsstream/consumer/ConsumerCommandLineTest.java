package io.newsstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.common.cli.AppCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The consumer's command line is the shared shell: help, version, settings, exit statuses. */
class ConsumerCommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(String... args) {
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        return AppCommand.execute(new ConsumerApp.Cli(), args, Map.of(), ps, ps);
    }

    @Test
    void helpListsTheRebuildOptionAndTheSettings() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("--rebuild", "--config", "--set", "view.store", "topic.duplicates");
    }

    @Test
    void unknownOptionAndBadSettingExitTwo() {
        assertThat(run("--rebuld")).isEqualTo(2);
        out.reset();
        assertThat(run("--set", "view.store=oracle")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("view.store");
    }
}
