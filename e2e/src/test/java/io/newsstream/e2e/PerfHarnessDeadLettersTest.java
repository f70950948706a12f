package io.newsstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.producer.ProducerApp;
import org.junit.jupiter.api.Test;

/** The performance harness counts dead letters instead of stopping at the first. */
class PerfHarnessDeadLettersTest {

    @Test
    void aProducerThatDeadLetteredSomeInputsSucceeded() {
        assertThat(PerfHarness.producerSucceeded(ProducerApp.EXIT_OK)).isTrue();
        assertThat(PerfHarness.producerSucceeded(ProducerApp.EXIT_DEAD_LETTERS)).isTrue();
        assertThat(PerfHarness.producerSucceeded(ProducerApp.EXIT_FAILURES)).isFalse();
        assertThat(PerfHarness.producerSucceeded(ProducerApp.EXIT_USAGE)).isFalse();
    }

    @Test
    void deadLettersUpToWhatTheGeneratorIntendsPassMoreFail() {
        assertThatCode(() -> PerfHarness.checkDeadLetters(0, 0, "")).doesNotThrowAnyException();
        assertThatCode(() -> PerfHarness.checkDeadLetters(2, 3, "")).doesNotThrowAnyException();
        assertThatThrownBy(() -> PerfHarness.checkDeadLetters(1, 0, "NO_TITLE: file 17"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 dead letters")
                .hasMessageContaining("NO_TITLE: file 17");
    }
}
