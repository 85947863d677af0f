package io.cacheweaver.it.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis for a test: either one given by {@code REDIS_URL} (shared: cannot be killed or frozen,
 * tests that need that are skipped) or a {@code redis-server} process on a free port without
 * persistence, which the test may kill, freeze with SIGSTOP, thaw and restart on the same port.
 * {@link #command} speaks RESP directly, so the tests need no Redis client library.
 */
public final class RedisServer {
    private final String host;
    private final int port;
    private final List<String> extraArgs;
    private final String password; // of the default user, for an external Redis
    private Process process;

    private RedisServer(String host, int port, List<String> extraArgs, String password) {
        this.host = host;
        this.port = port;
        this.extraArgs = extraArgs;
        this.password = password;
    }

    static RedisServer external(String host, int port, String password) {
        return new RedisServer(host, port, List.of(), password);
    }

    static RedisServer startLocal(List<String> extraArgs) throws IOException, InterruptedException {
        RedisServer server = new RedisServer("127.0.0.1", freePort(), extraArgs, null);
        server.start();
        return server;
    }

    /** On a given port: a cluster node needs port + 10000 free as well, which {@link #freePort} does not ensure. */
    static RedisServer startLocal(int port, List<String> extraArgs) throws IOException, InterruptedException {
        RedisServer server = new RedisServer("127.0.0.1", port, extraArgs, null);
        server.start();
        return server;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Whether this is a process of our own that may be killed, frozen and restarted. */
    public boolean isLocalProcess() {
        return process != null;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** A URL for the rules file, with no credentials. */
    public String url() {
        return "redis://" + host + ":" + port + "/0";
    }

    void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no"));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                if ("PONG".equals(command("PING"))) {
                    return;
                }
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IOException("redis-server did not start on port " + port + ": " + command);
                }
                Thread.sleep(20); // polling a starting process: there is nothing to wait on
            }
        }
    }

    /** kill -9: the connection drops at once. */
    public void kill() throws InterruptedException {
        requireProcess();
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    /** Starts it again on the same port (empty: no persistence). */
    public void restart() throws IOException, InterruptedException {
        requireProcess();
        start();
    }

    /** SIGSTOP: connections stay open but nothing answers. */
    public void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    public void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy(); // SIGTERM; a frozen process only dies of the SIGKILL below
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        requireProcess();
        new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
    }

    private void requireProcess() {
        assumeTrue(process != null, "needs a redis-server process of its own, not REDIS_URL or a container");
    }

    /** One command over a fresh connection; the reply as text (bulk, status or integer), {@code null} for nil. */
    public String command(String... args) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            if (password != null) {
                write(out, "AUTH", password);
                read(in);
            }
            write(out, args);
            return read(in);
        }
    }

    private static void write(OutputStream out, String... args) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        buffer.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            buffer.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            buffer.writeBytes(bytes);
            buffer.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(buffer.toByteArray());
        out.flush();
    }

    private static String read(InputStream in) throws IOException {
        char type = (char) in.read();
        String line = line(in);
        switch (type) {
            case '+', ':' -> {
                return line;
            }
            case '-' -> throw new IOException("redis error: " + line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int count = Integer.parseInt(line);
                List<String> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                return String.join("\n", items);
            }
            default -> throw new IOException("unexpected reply type " + type);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
