package io.newsstream.consumer.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class ViewStoreExceptionTest {

    @Test
    void anUnreachableOrShuttingDownServerIsTheStoresFaultNotTheRecords() {
        assertThat(wrap(new SQLTransientConnectionException("pool timeout")).storeUnavailable())
                .isTrue();
        assertThat(wrap(new SQLException("I/O error", "08006")).storeUnavailable()).isTrue();
        assertThat(wrap(new SQLException("terminating connection", "57P01")).storeUnavailable())
                .isTrue();
        assertThat(wrap(new SQLException("too many clients", "53300")).storeUnavailable()).isTrue();
        assertThat(
                        wrap(new SQLException("wrapped", new ConnectException("refused")))
                                .storeUnavailable())
                .isTrue();
    }

    @Test
    void aRefusedRowIsNotAnOutage() {
        assertThat(
                        wrap(new SQLIntegrityConstraintViolationException("dup", "23505"))
                                .storeUnavailable())
                .isFalse();
        assertThat(wrap(new SQLException("invalid byte sequence", "22021")).storeUnavailable())
                .isFalse();
        assertThat(wrap(new RuntimeException("injected")).storeUnavailable()).isFalse();
    }

    private static ViewStoreException wrap(Throwable cause) {
        return new ViewStoreException("write failed", cause);
    }
}
