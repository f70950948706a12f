package io.newsstream.common.retry;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one retry and back-off policy of every application: exponential back-off with jitter, capped,
 * from resilience4j ({@link IntervalFunction#ofExponentialRandomBackoff}).
 *
 * <p>Wait {@code n} (1-based) is {@code first x 2^(n-1)}, capped at {@code max}, then spread by
 * {@link #JITTER} either way (never above {@code max}), so that instances that failed together do
 * not retry together. Two ways to use it:
 *
 * <ul>
 *   <li>{@link #call}: retry one call while it throws a retryable exception (resilience4j's {@link
 *       Retry}), e.g. a registry request;
 *   <li>{@link #delay(int)}: the wait after the n-th failure in a row, for loops that keep their
 *       own count (a poll loop, a stream thread handler, a feed's failure streak).
 * </ul>
 */
public final class RetryPolicy {

    /** How far a wait is spread around its nominal value: +-25 %. */
    public static final double JITTER = 0.25;

    private final Duration first;
    private final Duration max;
    private final IntervalFunction intervals;

    private RetryPolicy(Duration first, Duration max) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException(
                    "Back-off must satisfy 0 < first <= max, got " + first + " and " + max);
        }
        this.first = first;
        this.max = max;
        this.intervals = IntervalFunction.ofExponentialRandomBackoff(first, 2.0, JITTER, max);
    }

    /** Waits of {@code first}, doubling up to {@code max}, each with jitter. */
    public static RetryPolicy exponential(Duration first, Duration max) {
        return new RetryPolicy(first, max);
    }

    public Duration first() {
        return first;
    }

    public Duration max() {
        return max;
    }

    /** The wait after the {@code failures}-th failure in a row (1 for the first), jittered. */
    public Duration delay(int failures) {
        long millis = intervals.apply(Math.max(1, failures));
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /**
     * Runs {@code call}, retrying while it throws an exception that {@code retryable} accepts, at
     * most {@code maxAttempts} times in all; the last failure is rethrown as it was.
     *
     * @param name names the call in resilience4j's events
     * @param listener told of each failure that will be retried, with the wait before the next try
     */
    public <T> T call(
            String name,
            int maxAttempts,
            Predicate<Throwable> retryable,
            RetryListener listener,
            Supplier<T> call) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Retry retry =
                Retry.of(
                        name,
                        RetryConfig.custom()
                                .maxAttempts(maxAttempts)
                                .intervalFunction(this::millis)
                                .retryOnException(retryable)
                                .failAfterMaxAttempts(false)
                                .build());
        retry.getEventPublisher()
                .onRetry(
                        e ->
                                listener.retrying(
                                        e.getNumberOfRetryAttempts(),
                                        e.getLastThrowable(),
                                        e.getWaitInterval()));
        return Retry.decorateSupplier(retry, call).get();
    }

    private long millis(int attempt) {
        return delay(attempt).toMillis();
    }

    /** Told before each retry: which attempt failed, how, and how long until the next. */
    @FunctionalInterface
    public interface RetryListener {
        RetryListener NONE = (attempt, failure, wait) -> {};

        void retrying(int failedAttempt, Throwable failure, Duration wait);
    }
}
