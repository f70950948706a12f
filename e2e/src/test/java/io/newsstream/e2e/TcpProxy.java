package io.newsstream.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of one upstream address, for fault tests (what Toxiproxy does,
 * in a page of plain sockets): {@link #cut()} closes every open connection and resets each new one
 * until {@link #restore()}, so the client behind it sees its server vanish and stay unreachable
 * without the (shared) server being touched. One pair of threads per proxied connection.
 */
final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean down;
    private volatile boolean closed;

    private TcpProxy(ServerSocket server, InetSocketAddress upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    /** Listens on a free port of 127.0.0.1 and forwards to {@code host:port}. */
    static TcpProxy start(String host, int port) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            TcpProxy proxy = new TcpProxy(server, new InetSocketAddress(host, port));
            Thread accept = new Thread(proxy::acceptLoop, "tcp-proxy-" + server.getLocalPort());
            accept.setDaemon(true);
            accept.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a TCP proxy to " + host + ":" + port, e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** Drops every open connection and resets new ones until {@link #restore()}. */
    void cut() {
        down = true;
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    void restore() {
        down = false;
    }

    /** Connections reset while the proxy was cut. */
    long refused() {
        return refused.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (down) {
                refused.incrementAndGet();
                resetQuietly(client);
                continue;
            }
            Socket target = new Socket();
            try {
                target.connect(upstream, 5_000);
            } catch (IOException e) {
                resetQuietly(client);
                closeQuietly(target);
                continue;
            }
            open.add(client);
            open.add(target);
            pump(client, target);
            pump(target, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t =
                new Thread(
                        () -> {
                            byte[] buffer = new byte[16 * 1024];
                            try (InputStream in = from.getInputStream();
                                    OutputStream out = to.getOutputStream()) {
                                int n;
                                while ((n = in.read(buffer)) >= 0) {
                                    out.write(buffer, 0, n);
                                    out.flush();
                                }
                            } catch (IOException e) {
                                // one side went away (or was cut): close both
                            } finally {
                                closeQuietly(from);
                                closeQuietly(to);
                                open.remove(from);
                                open.remove(to);
                            }
                        },
                        "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void resetQuietly(Socket s) {
        try {
            s.setSoLinger(true, 0); // RST rather than FIN: "connection reset"
        } catch (IOException e) {
            // closing anyway
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        closed = true;
        cut();
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
