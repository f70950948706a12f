package io.newsstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.schemas.serde.SchemaRegistryUnavailableException;
import java.net.ConnectException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class RegistryOutageHandlerTest {

    private final StreamsProcessorApp.RegistryOutageHandler handler =
            new StreamsProcessorApp.RegistryOutageHandler("http://127.0.0.1:1/apis/ccompat/v7");

    @Test
    void replacesTheThreadWhenTheRegistryIsUnreachable() {
        Throwable failure =
                new StreamsException(
                        "Deserialization exception handler is set to fail upon a deserialization"
                                + " error",
                        new SchemaRegistryUnavailableException(
                                "Schema registry at http://127.0.0.1:1 is unavailable",
                                new ConnectException()));

        assertThat(handler.handle(failure)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void shutsDownOnAnyOtherFailure() {
        Throwable failure = new StreamsException("bug", new IllegalStateException("boom"));

        assertThat(handler.handle(failure))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }
}
