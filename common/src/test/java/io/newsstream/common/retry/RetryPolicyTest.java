package io.newsstream.common.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy =
            RetryPolicy.exponential(Duration.ofMillis(100), Duration.ofMillis(1000));

    @Test
    void waitsDoubleWithJitterAndNeverExceedTheCap() {
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delay(1).toMillis()).isBetween(75L, 125L);
            assertThat(policy.delay(2).toMillis()).isBetween(150L, 250L);
            assertThat(policy.delay(3).toMillis()).isBetween(300L, 500L);
            assertThat(policy.delay(30).toMillis()).isBetween(750L, 1000L);
        }
    }

    @Test
    void waitsAreSpreadSoInstancesDoNotRetryInStep() {
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(policy.delay(2));
        }
        assertThat(seen).hasSizeGreaterThan(5);
    }

    @Test
    void callRetriesRetryableFailuresThenSucceeds() {
        RetryPolicy fast = RetryPolicy.exponential(Duration.ofMillis(1), Duration.ofMillis(2));
        AtomicInteger calls = new AtomicInteger();
        List<Integer> told = new ArrayList<>();
        String result =
                fast.call(
                        "test",
                        5,
                        e -> e instanceof IllegalStateException,
                        (attempt, e, wait) -> told.add(attempt),
                        () -> {
                            if (calls.incrementAndGet() < 3) {
                                throw new IllegalStateException("down");
                            }
                            return "ok";
                        });
        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
        assertThat(told).containsExactly(1, 2);
    }

    @Test
    void callRethrowsTheLastFailureAfterMaxAttemptsAndOthersAtOnce() {
        RetryPolicy fast = RetryPolicy.exponential(Duration.ofMillis(1), Duration.ofMillis(2));
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(
                        () ->
                                fast.call(
                                        "test",
                                        3,
                                        e -> e instanceof IllegalStateException,
                                        RetryPolicy.RetryListener.NONE,
                                        () -> {
                                            calls.incrementAndGet();
                                            throw new IllegalStateException("down");
                                        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("down");
        assertThat(calls).hasValue(3);

        calls.set(0);
        assertThatThrownBy(
                        () ->
                                fast.call(
                                        "test",
                                        3,
                                        e -> e instanceof IllegalStateException,
                                        RetryPolicy.RetryListener.NONE,
                                        () -> {
                                            calls.incrementAndGet();
                                            throw new IllegalArgumentException("bad");
                                        }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(1);
    }
}
