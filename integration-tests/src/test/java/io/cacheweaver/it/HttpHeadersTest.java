package io.cacheweaver.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixture.app.web.ShopPages;
import fixture.app.web.WebShop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code http:} rules on real, unmodified servers started from their Maven artifacts, with the real
 * agent jar: the JDK HttpServer, Tomcat 11 (jakarta.servlet) and Jetty 9.4 (javax.servlet). Each
 * server runs in its own JVM for the whole class; every test talks HTTP to all three.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpHeadersTest {
    static final String RULES = """
            version: 1
            caches:
              unused: { ttl: 1m }
            rules: []
            http:
              - id: products
                path: /products/*
                cacheControl: "public, max-age=60, s-maxage=600"
                vary: [Accept-Encoding]
                etag: true
                tags: ["product:{path[1]}", "products"]
              - id: stream
                path: /stream/*
                cacheControl: "public, max-age=30"
                etag: true
              - id: buffer
                path: /buffer/*
                cacheControl: "public, max-age=30"
                etag: true
              - id: async
                path: /async/*
                cacheControl: "public, max-age=20"
                etag: true
              - id: tagged
                path: /tagged/*
                cacheControl: "public, max-age=5"
                etag: true
              - id: own
                path: /own/*
                cacheControl: "public, max-age=60"
                vary: [Accept]
              - id: missing
                path: /missing/*
                cacheControl: "public, max-age=60"
                etag: true
              - id: big
                path: /big
                cacheControl: "public, max-age=60"
                etag: true
            """;
    static final String PRODUCTS_CC = "public, max-age=60, s-maxage=600";

    @TempDir
    static Path dir;
    private final Map<String, LiveJvm> servers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Integer> ports = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, List<String>> firstResponses = new java.util.concurrent.ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Stream<String> servers() {
        return Stream.of("jdk", "tomcat", "jetty");
    }

    @BeforeAll
    void startServers() {
        Path rules = RulesFiles.write(dir, RULES);
        servers().parallel().forEach(kind -> {
            LiveJvm jvm = LiveJvm.start("rules=" + rules, List.of("-Xlog:class+load:file=" + classLog(kind)), WebShop.class, kind);
            servers.put(kind, jvm);
            ports.put(kind, Integer.parseInt(jvm.readyLine().substring("ready port=".length()).trim()));
            firstResponses.put(kind, concurrentFirstRequests(kind));
        });
    }

    /** The server's very first requests, 8 at once: the servlet wrapper classes are generated while they race. */
    private List<String> concurrentFirstRequests(String kind) {
        List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sent.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(kind) + "/products/" + i))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        return sent.stream().map(java.util.concurrent.CompletableFuture::join)
                .map(r -> r.statusCode() + " " + header(r, "Cache-Control")).toList();
    }

    @ParameterizedTest
    @MethodSource("servers")
    void concurrentFirstRequestsAllGetTheirHeaders(String kind) {
        assertEquals(java.util.Collections.nCopies(8, "200 " + PRODUCTS_CC), firstResponses.get(kind),
                () -> servers.get(kind).output());
    }

    private static Path classLog(String kind) {
        return dir.resolve(kind + "-class-load.log");
    }

    /**
     * Issue 17: the HTTP layer weaves with ASM alone, these rules (no Type+, no batch) need no Byte
     * Buddy weaver, and the servlet wrappers of the first requests are written with ASM too.
     */
    @ParameterizedTest
    @MethodSource("servers")
    void theServersAreWovenWithoutByteBuddysWeavingMachinery(String kind) throws Exception {
        assertEquals(200, send(kind, "GET", "/products/1").statusCode()); // its classes were all loaded before this answer
        List<String> loaded = java.nio.file.Files.readAllLines(classLog(kind)).stream()
                .map(line -> line.replaceFirst("^.*\\[class,load\\] ", "").replaceFirst(" .*$", ""))
                .filter(name -> name.startsWith("net.bytebuddy.")).toList();
        String summary = kind + ": " + loaded.size() + " Byte Buddy classes loaded: " + loaded;
        assertTrue(loaded.contains("net.bytebuddy.jar.asm.ClassReader"), summary);
        assertFalse(loaded.contains("net.bytebuddy.agent.builder.AgentBuilder"), summary);
        assertFalse(loaded.contains("net.bytebuddy.asm.Advice"), summary);
        // the servlet wrappers of the first requests: none of Byte Buddy's class generation (≈ 690 classes)
        assertFalse(loaded.contains("net.bytebuddy.ByteBuddy"), summary);
        assertFalse(loaded.contains("net.bytebuddy.implementation.InvocationHandlerAdapter"), summary);
        assertEquals(List.of(), loaded.stream()
                .filter(name -> name.startsWith("net.bytebuddy.dynamic.") || name.startsWith("net.bytebuddy.implementation.")).toList(),
                summary);
        // ≈ 37: ASM, and a few interfaces (TypeDefinition, ElementMatcher, ResettableClassFileTransformer, …)
        // the verifier loads for the agent's own classes that mention them
        assertTrue(loaded.size() < 60, summary);
    }

    @AfterAll
    void stopServers() throws Exception {
        for (LiveJvm jvm : servers.values()) {
            jvm.close();
        }
    }

    private HttpResponse<byte[]> send(String kind, String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(kind) + path))
                .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aMatchingResponseGetsExactlyTheRulesHeaders(String kind) throws Exception {
        HttpResponse<byte[]> response = send(kind, "GET", "/products/42");
        assertEquals(200, response.statusCode());
        assertEquals(ShopPages.product("42"), new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(PRODUCTS_CC, header(response, "Cache-Control"));
        assertEquals("Accept-Encoding", header(response, "Vary"));
        assertEquals("product:42 products", header(response, "Surrogate-Key"));
        assertEquals("product:42,products", header(response, "Cache-Tag"));
        String etag = header(response, "ETag");
        assertTrue(etag != null && etag.matches("\"[A-Za-z0-9_-]{22}\""), "strong ETag: " + etag);
        assertEquals(String.valueOf(response.body().length), header(response, "Content-Length"));
        assertEquals(etag, header(send(kind, "GET", "/products/42"), "ETag"), "the same body, the same ETag");
        assertFalse(etag.equals(header(send(kind, "GET", "/products/43"), "ETag")), "another body, another ETag");
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aMatchingIfNoneMatchGetsA304WithoutBodyAndTheSameValidators(String kind) throws Exception {
        String etag = header(send(kind, "GET", "/products/7"), "ETag");
        for (String condition : new String[] {etag, "W/" + etag, "\"nope\", " + etag, "*"}) {
            HttpResponse<byte[]> notModified = send(kind, "GET", "/products/7", "If-None-Match", condition);
            assertEquals(304, notModified.statusCode(), condition);
            assertEquals(0, notModified.body().length);
            assertEquals(etag, header(notModified, "ETag"));
            assertEquals(PRODUCTS_CC, header(notModified, "Cache-Control"));
            assertEquals("Accept-Encoding", header(notModified, "Vary"));
        }
        HttpResponse<byte[]> changed = send(kind, "GET", "/products/7", "If-None-Match", "\"something-else\"");
        assertEquals(200, changed.statusCode());
        assertEquals(ShopPages.product("7"), new String(changed.body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aBodyWrittenToTheOutputStreamIsHashedToo(String kind) throws Exception {
        HttpResponse<byte[]> response = send(kind, "GET", "/stream/5");
        assertEquals(200, response.statusCode());
        assertEquals(ShopPages.product("5"), new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        String etag = header(response, "ETag");
        assertTrue(etag != null, "ETag on a stream-written body");
        assertEquals(304, send(kind, "GET", "/stream/5", "If-None-Match", etag).statusCode());
    }

    @Test
    void aBodyWrittenAsAByteBufferIsHashedToo() throws Exception { // Servlet 6.1: Tomcat 11 only
        HttpResponse<byte[]> response = send("tomcat", "GET", "/buffer/6");
        assertEquals(200, response.statusCode(), () -> servers.get("tomcat").output());
        assertEquals(ShopPages.product("6"), new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        String etag = header(response, "ETag");
        assertTrue(etag != null, "ETag on a body written as a ByteBuffer");
        assertEquals(304, send("tomcat", "GET", "/buffer/6", "If-None-Match", etag).statusCode());
    }

    @ParameterizedTest
    @MethodSource("servers")
    void headGetsTheSameCachingHeadersWithoutBody(String kind) throws Exception {
        HttpResponse<byte[]> response = send(kind, "HEAD", "/products/9");
        assertEquals(200, response.statusCode());
        assertEquals(0, response.body().length);
        assertEquals(PRODUCTS_CC, header(response, "Cache-Control"));
        assertEquals("Accept-Encoding", header(response, "Vary"));
        assertEquals("product:9 products", header(response, "Surrogate-Key"));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void theApplicationsOwnCacheControlIsKeptAndVaryMerged(String kind) throws Exception {
        HttpResponse<byte[]> response = send(kind, "GET", "/own/3");
        assertEquals(200, response.statusCode());
        assertEquals("private, max-age=5", header(response, "Cache-Control"));
        assertEquals("Origin, Accept", header(response, "Vary"));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void anAsynchronousResponseIsCompleteAndStillGetsItsHeaders(String kind) throws Exception {
        for (int i = 0; i < 20; i++) { // the servlet's other thread races service() returning
            HttpResponse<byte[]> response = send(kind, "GET", "/async/" + i);
            assertEquals(200, response.statusCode());
            LiveJvm jvm = servers.get(kind);
            assertEquals(ShopPages.product(String.valueOf(i)), new String(response.body(), java.nio.charset.StandardCharsets.UTF_8),
                    () -> response.headers().map() + "\n" + jvm.output());
            if (!kind.equals("jdk")) { // a servlet that finishes after service() returned: headers, no ETag
                assertEquals("public, max-age=20", header(response, "Cache-Control"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void anETagTheApplicationSetsIsKeptAndNeverAnsweredWithA304(String kind) throws Exception {
        HttpResponse<byte[]> response = send(kind, "GET", "/tagged/2", "If-None-Match", "\"app-2\"");
        assertEquals(200, response.statusCode());
        assertEquals("\"app-2\"", header(response, "ETag"));
        assertEquals("public, max-age=5", header(response, "Cache-Control"));
        assertEquals(ShopPages.product("2"), new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void errorsAndOtherPathsAreUntouched(String kind) throws Exception {
        HttpResponse<byte[]> missing = send(kind, "GET", "/missing/4");
        assertEquals(404, missing.statusCode());
        assertEquals("no product 4", new String(missing.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertNull(header(missing, "Cache-Control"));
        assertNull(header(missing, "ETag"));
        HttpResponse<byte[]> other = send(kind, "GET", "/other/page");
        assertEquals(200, other.statusCode());
        assertNull(header(other, "Cache-Control"));
        assertNull(header(other, "ETag"));
        assertNull(header(other, "Surrogate-Key"));
        HttpResponse<byte[]> post = send(kind, "POST", "/products/5"); // not among the rule's methods
        assertFalse(PRODUCTS_CC.equals(header(post, "Cache-Control")), "the rule's Cache-Control on a POST"); // Jetty's 405 page has its own
        assertNull(header(post, "ETag"));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aBodyAboveTheLimitStreamsThroughWithoutETag(String kind) throws Exception {
        HttpResponse<byte[]> response = send(kind, "GET", "/big");
        assertEquals(200, response.statusCode());
        assertArrayEquals(ShopPages.big(), response.body());
        assertEquals("public, max-age=60", header(response, "Cache-Control"));
        assertNull(header(response, "ETag"));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void jmxCountsResponsesAnd304s(String kind) throws Exception {
        String etag = header(send(kind, "GET", "/products/11"), "ETag");
        send(kind, "GET", "/products/11", "If-None-Match", etag);
        LiveJvm jvm = servers.get(kind);
        ObjectName name = new ObjectName("io.cacheweaver:type=Http,name=products");
        jvm.await("the Http MBean", () -> JmxTest.registered(jvm.jmx(), name.toString()));
        long responses = (Long) jvm.jmx().getAttribute(name, "Responses");
        long notModified = (Long) jvm.jmx().getAttribute(name, "NotModified");
        long saved = (Long) jvm.jmx().getAttribute(name, "BytesSaved");
        assertTrue(responses >= 2, "Responses " + responses);
        assertTrue(notModified >= 1, "NotModified " + notModified);
        assertTrue(saved >= ShopPages.utf8(ShopPages.product("11")).length, "BytesSaved " + saved);
    }
}
