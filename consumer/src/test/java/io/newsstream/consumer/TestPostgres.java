package io.newsstream.consumer;

import io.newsstream.consumer.view.JdbcViewStore;
import io.newsstream.consumer.view.TransactionHook;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A schema of its own on the test PostgreSQL server, dropped on {@link #close()}. The server is
 * {@code -Dnewsstream.test.pg.url} (set by the parent pom; default {@code
 * jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), so tests can share one server and never
 * see each other's tables.
 */
public final class TestPostgres implements AutoCloseable {

    /** JDBC URL of the test server, user (and password, if any) included. */
    public static final String URL =
            System.getProperty(
                    "newsstream.test.pg.url",
                    "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final String schema;

    private TestPostgres(String schema) {
        this.schema = schema;
    }

    /** Creates a fresh, uniquely named schema. */
    public static TestPostgres freshSchema() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE SCHEMA " + schema);
        return new TestPostgres(schema);
    }

    public String schema() {
        return schema;
    }

    /** Opens the view store in this schema. */
    public JdbcViewStore open(TransactionHook hook) {
        return JdbcViewStore.postgresql(URL, null, null, schema, 4, hook);
    }

    @Override
    public void close() {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(URL);
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot run '"
                            + sql
                            + "' on the test PostgreSQL at "
                            + URL
                            + ": "
                            + e.getMessage()
                            + "; start one there or point -Dnewsstream.test.pg.url at another",
                    e);
        }
    }
}
