package io.newsstream.consumer.view;

/** The view store could not read or write; the message says which operation and why. */
public class ViewStoreException extends RuntimeException {
    public ViewStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
