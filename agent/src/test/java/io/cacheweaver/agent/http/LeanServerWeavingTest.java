package io.cacheweaver.agent.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cacheweaver.agent.http.fixture.FixtureRequest;
import io.cacheweaver.agent.http.fixture.FixtureResponse;
import io.cacheweaver.agent.http.fixture.FixtureServlet;
import io.cacheweaver.agent.http.fixture.Service;
import io.cacheweaver.bootstrap.HttpBridge;
import io.cacheweaver.bootstrap.HttpDispatcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The servlet weaving on a class shaped like {@code HttpServlet}, woven by the transformer and
 * loaded through the JVM's verifier: as compiled (with stack map frames), and rewritten to Java 5
 * and 1.4 class files (no frames; 1.4 has no class constants either).
 */
class LeanServerWeavingTest {
    private static final String SERVLET = FixtureServlet.class.getName();
    private static final ServerMethod SERVICE = ServerMethod.servletService(SERVLET, FixtureRequest.class.getName(),
            FixtureResponse.class.getName());

    private final RecordingHttpDispatcher dispatcher = new RecordingHttpDispatcher();
    private final Written original = new Written();
    private final Written wrapper = new Written();

    @TempDir
    Path dir;

    private record Request(String path, IOException failure) implements FixtureRequest {
    }

    private static final class Written implements FixtureResponse {
        final List<String> texts = new ArrayList<>();

        @Override
        public void write(String text) {
            texts.add(text);
        }
    }

    @BeforeEach
    void install() {
        HttpBridge.install(dispatcher);
    }

    @AfterEach
    void restore() {
        HttpBridge.install(HttpDispatcher.NONE);
    }

    static byte[] compiled() throws IOException {
        try (InputStream in = FixtureServlet.class.getResourceAsStream("FixtureServlet.class")) {
            return in.readAllBytes();
        }
    }

    /** The fixture's class file as of {@code major}; below Java 6 without frames, as javac wrote it then. */
    private static byte[] atVersion(int major) throws IOException {
        ClassReader reader = new ClassReader(compiled());
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(major, access, name, signature, superName, interfaces);
            }
        }, major < Opcodes.V1_6 ? ClassReader.SKIP_FRAMES : 0);
        return writer.toByteArray();
    }

    private static byte[] transform(LeanServerWeaving weaving, String className, byte[] bytes) {
        return weaving.transform(null, null, className == null ? null : className.replace('.', '/'), null, null, bytes);
    }

    /** The woven fixture, defined and verified in a class loader of its own. */
    private Service woven(int major) throws Exception {
        byte[] woven = transform(new LeanServerWeaving(List.of(SERVICE), null, null), SERVLET, atVersion(major));
        assertNotNull(woven, "the fixture servlet is woven");
        Class<?> type = OneClassLoader.define(SERVLET, woven);
        return (Service) type.getDeclaredConstructor().newInstance();
    }

    @ParameterizedTest
    @ValueSource(ints = {Opcodes.V17, Opcodes.V1_5, Opcodes.V1_4})
    void theBodyWritesToTheResponseTheBridgeAnswersAndExitSeesANormalReturnOnce(int major) throws Exception {
        dispatcher.replacement = wrapper;
        Service servlet = woven(major);
        servlet.service(new Request("shoe", null), original);
        assertEquals(List.of("shoe", "true"), wrapper.texts);
        assertEquals(List.of(), original.texts);
        assertSame(servlet.getClass(), dispatcher.servletType, "the woven class itself, as @Advice.Origin gave it");
        assertEquals(List.of("enter", "response exchange", "exit exchange"), dispatcher.calls);
        assertEquals(RecordingHttpDispatcher.NoThrowable.class, dispatcher.exits.get(0).getClass());

        servlet.service(new Request("early", null), original); // a return inside try/finally
        assertEquals(List.of("shoe", "true", "early"), wrapper.texts);
        assertEquals(6, dispatcher.calls.size(), dispatcher.calls::toString);
    }

    @ParameterizedTest
    @ValueSource(ints = {Opcodes.V17, Opcodes.V1_5, Opcodes.V1_4})
    void anExceptionReachesTheCallerUnchangedAfterExitSawItOnce(int major) throws Exception {
        dispatcher.replacement = wrapper;
        IOException failure = new IOException("boom");
        Service servlet = woven(major);
        assertSame(failure, assertThrows(IOException.class, () -> servlet.service(new Request("shoe", failure), original)));
        assertEquals(List.of("enter", "response exchange", "exit exchange"), dispatcher.calls);
        assertEquals(List.of(failure), dispatcher.exits);
    }

    @ParameterizedTest
    @ValueSource(ints = {Opcodes.V17, Opcodes.V1_4})
    void aReplacementOfAnotherTypeIsSuppressedTheOriginalStandsAndExitIsNotCalled(int major) throws Exception {
        dispatcher.replacement = "not a response"; // the cast to the parameter's type fails inside the woven entry code
        woven(major).service(new Request("shoe", null), original);
        assertEquals(List.of("shoe", "true"), original.texts);
        assertEquals(List.of("enter", "response exchange"), dispatcher.calls, "the exchange counts as null, as Byte Buddy's suppression left it");
    }

    @Test
    void withoutAnExchangeTheResponseIsUntouchedAndNoExitIsSent() throws Exception {
        dispatcher.exchange = null;
        woven(Opcodes.V17).service(new Request("shoe", null), original);
        assertEquals(List.of("shoe", "true"), original.texts);
        assertEquals(List.of("enter"), dispatcher.calls);
    }

    @Test
    void aDispatcherThatThrowsNeverReachesTheCaller() throws Exception {
        dispatcher.failure = new IllegalStateException("dispatcher down");
        dispatcher.replacement = wrapper;
        Service servlet = woven(Opcodes.V17);
        servlet.service(new Request("shoe", null), original);
        assertEquals(List.of("shoe", "true"), original.texts);
        IOException failure = new IOException("boom");
        assertSame(failure, assertThrows(IOException.class, () -> servlet.service(new Request("shoe", failure), original)));
    }

    @Test
    void theOtherOverloadIsNotWoven() throws Exception {
        woven(Opcodes.V17).service((Object) new Request("shoe", null), (Object) original);
        assertEquals(List.of("other overload"), original.texts);
        assertEquals(List.of(), dispatcher.calls);
    }

    @Test
    void everyOtherClassAndAClassWithoutTheMethodAreLeftAsTheyAreAndNothingIsThrown() throws Exception {
        LeanServerWeaving weaving = new LeanServerWeaving(List.of(SERVICE), null, null);
        assertNull(transform(weaving, "io.cacheweaver.agent.http.fixture.Other", compiled()));
        assertNull(transform(weaving, null, compiled()));
        assertNull(transform(weaving, SERVLET, new byte[] {1, 2, 3}), "a class file it cannot read loads as it is");
        ServerMethod otherParameters = ServerMethod.servletService(SERVLET, "java.lang.String", FixtureResponse.class.getName());
        assertNull(transform(new LeanServerWeaving(List.of(otherParameters), null, null), SERVLET, compiled()));
    }

    @Test
    void theServerMethodsAreOneInEachClassTheGateHolds() {
        assertEquals(ServerClasses.WOVEN, ServerClasses.methods().stream().map(ServerMethod::className)
                .collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void wovenClassesAreWrittenToTheDumpDirectory() throws Exception {
        byte[] woven = transform(new LeanServerWeaving(List.of(SERVICE), null, dir.toString()), SERVLET, compiled());
        assertArrayEquals(woven, Files.readAllBytes(dir.resolve(SERVLET + ".lean.class")));
    }
}
