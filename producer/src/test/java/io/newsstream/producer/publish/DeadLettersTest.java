package io.newsstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.schemas.event.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00.123456Z");

    @Test
    void keepsSmallPayloadsWholeWithAReadableExcerpt() {
        byte[] bytes = "Title\n\nBody".getBytes(StandardCharsets.UTF_8);
        DeadLetter d = DeadLetters.of("/in/a.txt", "NO_BODY: ...", "X", bytes, NOW);
        assertThat(d.getComponent()).isEqualTo("producer");
        assertThat(d.getSource()).isEqualTo("/in/a.txt");
        assertThat(d.getPayloadExcerpt()).isEqualTo("Title\n\nBody");
        assertThat(d.getPayload().array()).isEqualTo(bytes);
        assertThat(d.getOccurredAt()).isEqualTo(Instant.parse("2026-11-21T12:00:00.123Z"));
        assertThat(d.getKafkaTopic()).isNull();
    }

    @Test
    void keepsOnlyAnExcerptOfLargePayloads() {
        byte[] big = "x".repeat(DeadLetters.MAX_PAYLOAD_BYTES + 1).getBytes(StandardCharsets.UTF_8);
        DeadLetter d = DeadLetters.of("s", "r", null, big, NOW);
        assertThat(d.getPayload()).isNull();
        assertThat(d.getPayloadExcerpt()).hasSize(DeadLetters.EXCERPT_CHARS);
    }

    @Test
    void undecodableBytesGiveALossyExcerptAndArePreservedWhole() {
        byte[] bytes = {(byte) 0x89, 'P', 'N', 'G', 0, 1};
        DeadLetter d = DeadLetters.of("s", "UNDECODABLE: ...", null, bytes, NOW);
        assertThat(d.getPayloadExcerpt()).contains("PNG");
        assertThat(d.getPayload().array()).isEqualTo(bytes);
    }
}
