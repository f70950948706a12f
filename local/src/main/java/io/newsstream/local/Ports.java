package io.newsstream.local;

import io.newsstream.infra.KafkaBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks before anything starts: a busy port is a one-line error naming the flag. */
final class Ports {

    private Ports() {}

    /**
     * @param port the requested port, 0 for any free one
     * @param what what would listen there, for the message
     * @param flag the command-line flag that changes it
     * @return the port to use
     * @throws LocalStack.InvalidInput when it is out of range or something already listens on it
     */
    static int resolve(int port, String what, String flag) {
        if (port == 0) {
            return KafkaBroker.freePort();
        }
        if (port < 1 || port > 65_535) {
            throw new LocalStack.InvalidInput(flag + " " + port + " is not a port (1-65535)");
        }
        if (!free(port)) {
            throw new LocalStack.InvalidInput(
                    "Port "
                            + port
                            + " for "
                            + what
                            + " is in use (another newsstream, Kafka or registry?): stop it or"
                            + " pass "
                            + flag
                            + " N");
        }
        return port;
    }

    /** Whether 127.0.0.1:port can be bound now. */
    static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            // As the broker and the registry bind: a port whose last connections linger in
            // TIME_WAIT after a stop is free, one that something listens on is not.
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
