package io.newsstream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsstream.schemas.event.DeadLetter;
import io.newsstream.schemas.serde.SchemaRegistryUnavailableException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Response;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Result;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class DeadLetterDeserializationHandlerTest {

    private static final byte[] POISON = "not avro".getBytes(StandardCharsets.UTF_8);
    private static final ConsumerRecord<byte[], byte[]> RECORD =
            new ConsumerRecord<>("raw", 2, 42L, "k".getBytes(StandardCharsets.UTF_8), POISON);

    private final List<DeadLetter> serialized = new ArrayList<>();
    private final Serializer<DeadLetter> recordingSerializer =
            (topic, letter) -> {
                serialized.add(letter);
                return new byte[] {0, 0, 0, 0, 1};
            };

    @Test
    void resumesWithADeadLetterRecordKeyedBySource() {
        DeadLetterDeserializationHandler handler = handler(recordingSerializer);

        Response response =
                handler.handleError(
                        CONTEXT, RECORD, new SerializationException("Unknown magic byte 0x6e"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.topic()).isEqualTo("dead");
                            assertThat(new String(r.key(), StandardCharsets.UTF_8))
                                    .isEqualTo("raw/2@42");
                        });
        DeadLetter letter = serialized.get(0);
        assertThat(letter.getReason()).contains("raw/2@42").contains("Unknown magic byte 0x6e");
        assertThat(letter.getErrorClass()).isEqualTo(SerializationException.class.getName());
        assertThat(letter.getPartition()).isEqualTo(2);
        assertThat(letter.getOffset()).isEqualTo(42L);
        assertThat(letter.getPayloadExcerpt()).isEqualTo("not avro");
    }

    @Test
    void failsInsteadOfDeadLetteringWhenTheRegistryIsUnavailable() {
        DeadLetterDeserializationHandler handler = handler(recordingSerializer);
        Exception wrapped =
                new SerializationException(
                        "Cannot fetch schema 7",
                        new SchemaRegistryUnavailableException(
                                "Registry down", new ConnectException("refused")));

        Response response = handler.handleError(CONTEXT, RECORD, wrapped);

        assertThat(response.result()).isEqualTo(Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(serialized).isEmpty();
    }

    @Test
    void failsWhenTheDeadLetterCannotBeSerialized() {
        DeadLetterDeserializationHandler handler =
                handler(
                        (topic, letter) -> {
                            throw new SerializationException("registry rejected DeadLetter");
                        });

        Response response =
                handler.handleError(CONTEXT, RECORD, new SerializationException("bad bytes"));

        assertThat(response.result()).isEqualTo(Result.FAIL);
    }

    @Test
    void refusesToStartWithoutItsSettings() {
        assertThatThrownBy(() -> new DeadLetterDeserializationHandler().configure(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(DeadLetterDeserializationHandler.DEAD_LETTER_TOPIC_CONFIG);
    }

    @Test
    void showsControlCharactersAsDotsInTheExcerpt() {
        assertThat(DeadLetterDeserializationHandler.excerpt(new byte[] {0, 'a', 10, 'b'}))
                .isEqualTo(".a.b");
        assertThat(DeadLetterDeserializationHandler.excerpt(null)).isNull();
    }

    private static DeadLetterDeserializationHandler handler(Serializer<DeadLetter> serializer) {
        Properties props = new Properties();
        DeadLetterDeserializationHandler.configure(props, "dead", serializer);
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        Map<String, Object> configs = new java.util.HashMap<>();
        props.forEach((k, v) -> configs.put((String) k, v));
        handler.configure(configs);
        return handler;
    }

    private static final ErrorHandlerContext CONTEXT =
            new ErrorHandlerContext() {
                @Override
                public String topic() {
                    return RECORD.topic();
                }

                @Override
                public int partition() {
                    return RECORD.partition();
                }

                @Override
                public long offset() {
                    return RECORD.offset();
                }

                @Override
                public Headers headers() {
                    return new RecordHeaders();
                }

                @Override
                public String processorNodeId() {
                    return NewsTopology.SOURCE_RAW_ARTICLES;
                }

                @Override
                public TaskId taskId() {
                    return new TaskId(0, 2);
                }

                @Override
                public long timestamp() {
                    return 0L;
                }

                @Override
                public byte[] sourceRawKey() {
                    return RECORD.key();
                }

                @Override
                public byte[] sourceRawValue() {
                    return RECORD.value();
                }
            };
}
