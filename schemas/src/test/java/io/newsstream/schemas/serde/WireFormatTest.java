package io.newsstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void readsTheBigEndianSchemaIdOfAFramedPayload() {
        byte[] payload = {0, (byte) 0x80, 0, 1, 2, 42};

        assertThat(WireFormat.isFramed(payload)).isTrue();
        assertThat(WireFormat.schemaId(payload)).isEqualTo(0x80000102);
    }

    @Test
    void refusesToReadAnIdFromAnUnframedPayload() {
        assertThat(WireFormat.isFramed(new byte[] {0, 0, 0, 1})).isFalse();
        assertThat(WireFormat.isFramed(new byte[] {1, 0, 0, 0, 1})).isFalse();
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {'{', '}', 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describesPayloadsForLogsAndDeadLetters() {
        assertThat(WireFormat.describe(new byte[] {0, 0, 0, 0, 7, 1, 2}))
                .isEqualTo("7 bytes, Confluent-framed Avro, schema id 7");
        assertThat(WireFormat.describe("{\"a\":1}".getBytes()))
                .isEqualTo("7 bytes, not Confluent-framed (starts with 0x7b '{')");
        assertThat(WireFormat.describe(new byte[] {(byte) 0xff}))
                .isEqualTo("1 byte, not Confluent-framed (starts with 0xff)");
        assertThat(WireFormat.describe(new byte[0])).isEqualTo("0 bytes");
        assertThat(WireFormat.describe(null)).isEqualTo("null (tombstone)");
    }
}
