package org.hotline.system.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between a service and PostgreSQL, so that a test can take the database away from that service alone
 * (the real server is shared): {@link #cut()} resets every connection through it and refuses new ones, as a database
 * that went down does; {@link #restore()} accepts connections again on the same port.
 */
final class TcpProxy implements AutoCloseable {

    private final String upstreamHost;
    private final int upstreamPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private final int port;

    TcpProxy(String upstreamHost, int upstreamPort) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.port = listen(0);
    }

    /** The port the service connects to, on 127.0.0.1. */
    int port() {
        return port;
    }

    /** Resets every connection through the proxy and refuses new ones. */
    synchronized void cut() throws IOException {
        server.close();
        for (Socket s : open) {
            try {
                s.setSoLinger(true, 0); // RST, as a crashed or failed-over server's peer sees it
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
        open.clear();
    }

    /** Accepts connections again, on the same port. */
    synchronized void restore() throws IOException {
        if (server.isClosed()) {
            listen(port);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        cut();
    }

    private int listen(int onPort) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
        server = s;
        Thread acceptor = new Thread(() -> accept(s), "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return s.getLocalPort();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException e) {
                return; // closed by cut()
            }
            try {
                Socket upstream = new Socket(upstreamHost, upstreamPort);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed or was reset: close the other below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
