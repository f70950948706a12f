package io.newsstream.consumer.view;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** The view store could not read or write; the message says which operation and why. */
public class ViewStoreException extends RuntimeException {
    public ViewStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the store itself is unreachable (no connection, connection lost, server shutting down
     * or out of connections) rather than refusing what was written: then no record is to blame and
     * the write must be retried, never dead-lettered.
     */
    public boolean storeUnavailable() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SocketException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P: operator intervention (shutdown, crash recovery);
                // 53: insufficient resources (too many connections, disk full).
                if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
