package io.cacheweaver.runtime.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A throwaway {@code redis-server} on a free port, no persistence; for tests of the layer itself. */
final class RedisServerProcess implements AutoCloseable {
    final int port;
    private final Process process;

    private RedisServerProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Started and answering PING, or {@code null} when no redis-server is installed. */
    static RedisServerProcess startOrNull() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process;
        try {
            process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return null;
        }
        RedisServerProcess server = new RedisServerProcess(port, process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                if (s.getInputStream().read() == '+') {
                    return server;
                }
            } catch (IOException notYet) {
                Thread.sleep(20); // polling a starting server process
            }
        }
        server.close();
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
