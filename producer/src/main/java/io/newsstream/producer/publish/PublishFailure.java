package io.newsstream.producer.publish;

/**
 * A record that was not written to Kafka.
 *
 * @param origin the input it came from (file path, feed URL)
 * @param articleId the article id, or {@code null} for a dead letter
 * @param kafkaTopic the Kafka topic it was meant for
 * @param message what went wrong and what to do
 * @param cause the exception Kafka (or the serializer) reported
 */
public record PublishFailure(
        String origin, String articleId, String kafkaTopic, String message, Throwable cause) {

    @Override
    public String toString() {
        return origin
                + (articleId == null ? "" : " (" + articleId + ")")
                + " -> "
                + kafkaTopic
                + ": "
                + message;
    }
}
