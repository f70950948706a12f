package io.newsstream.producer.publish;

import java.util.List;

/**
 * What one producer run did.
 *
 * @param read inputs read from the source
 * @param published articles acknowledged on the raw-articles Kafka topic
 * @param deadLettered dead letters acknowledged on the dead-letter Kafka topic (rejected inputs and
 *     articles Kafka refused)
 * @param notRead inputs left unread because the run stopped at a failure that would have failed
 *     them all (broker unreachable, registry down...); 0 when the source size is unknown
 * @param failures every record that was not written, in no particular order
 */
public record RunResult(
        int read, int published, int deadLettered, int notRead, List<PublishFailure> failures) {

    public RunResult {
        failures = List.copyOf(failures);
    }

    /** The totals of several runs (e.g. the batches of watch mode). */
    public static RunResult sum(List<RunResult> results) {
        int read = 0;
        int published = 0;
        int deadLettered = 0;
        int notRead = 0;
        List<PublishFailure> failures = new java.util.ArrayList<>();
        for (RunResult r : results) {
            read += r.read;
            published += r.published;
            deadLettered += r.deadLettered;
            notRead += r.notRead;
            failures.addAll(r.failures);
        }
        return new RunResult(read, published, deadLettered, notRead, failures);
    }

    /** True when every input was read and every record written. */
    public boolean ok() {
        return failures.isEmpty() && notRead == 0;
    }

    /** One line for logs and the command line. */
    public String summary() {
        String s =
                read
                        + " inputs read: "
                        + published
                        + " articles published, "
                        + deadLettered
                        + " dead-lettered, "
                        + failures.size()
                        + " records failed";
        return notRead > 0 ? s + ", " + notRead + " inputs not read (run stopped)" : s;
    }
}
