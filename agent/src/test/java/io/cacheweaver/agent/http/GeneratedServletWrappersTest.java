package io.cacheweaver.agent.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweaver.agent.http.fixture.servlet.ServletOutputStream;
import io.cacheweaver.agent.http.fixture.servlet.ServletResponse;
import io.cacheweaver.agent.http.fixture.servlet.ServletResponseWrapper;
import io.cacheweaver.agent.http.fixture.servlet.WriteListener;
import io.cacheweaver.agent.http.fixture.servlet.http.HttpServlet;
import io.cacheweaver.agent.http.fixture.servlet.http.HttpServletResponse;
import io.cacheweaver.agent.http.fixture.servlet.http.HttpServletResponseWrapper;
import io.cacheweaver.runtime.http.ServletWrappers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The wrappers on classes shaped like the servlet API ({@code fixture.servlet}): generated in the
 * API's own loader and package, routed methods reaching the handler with the overridden
 * {@code Method} and boxed arguments, everything else left to the base class. The classes are
 * defined once in the test's class loader, whichever test comes first; the others reuse them.
 */
class GeneratedServletWrappersTest {
    private final ServletWrappers wrappers = new GeneratedServletWrappers();
    private final Recording handler = new Recording();
    private final Container container = new Container();

    /** The handler: records each call and answers {@link #answer}, or throws {@link #failure}. */
    private static final class Recording implements InvocationHandler {
        final List<String> calls = new ArrayList<>();
        final List<Method> methods = new ArrayList<>();
        final List<Object[]> arguments = new ArrayList<>();
        Object answer;
        Throwable failure;

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            calls.add(method.getName() + (args == null ? "()" : Arrays.deepToString(args)));
            methods.add(method);
            arguments.add(args);
            if (failure != null) {
                throw failure;
            }
            return answer;
        }
    }

    /** The container's response, behind the wrapper: what reaches it was passed through by the base class. */
    private static final class Container implements HttpServletResponse {
        final List<String> calls = new ArrayList<>();
        int status = 200;

        @Override
        public void sendError(int code, String message) {
            calls.add("sendError " + code + " " + message);
        }

        @Override
        public void sendError(int code) {
            calls.add("sendError " + code);
        }

        @Override
        public void sendRedirect(String location) {
            calls.add("sendRedirect " + location);
        }

        @Override
        public void setStatus(int code) {
            calls.add("setStatus " + code);
            status = code;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            throw new AssertionError("the wrapper's getOutputStream is the handler's");
        }

        @Override
        public PrintWriter getWriter() {
            throw new AssertionError("the wrapper's getWriter is the handler's");
        }

        @Override
        public void flushBuffer() {
            calls.add("flushBuffer");
        }

        @Override
        public void reset() {
            calls.add("reset");
        }

        @Override
        public void resetBuffer() {
            calls.add("resetBuffer");
        }

        @Override
        public void setContentLength(int length) {
            calls.add("setContentLength " + length);
        }

        @Override
        public void setContentLengthLong(long length) {
            calls.add("setContentLengthLong " + length);
        }

        @Override
        public String getCharacterEncoding() {
            return "UTF-8";
        }
    }

    private HttpServletResponseWrapper response() throws Exception {
        return (HttpServletResponseWrapper) wrappers.response(HttpServlet.class, container, handler);
    }

    private ServletOutputStream stream() throws Exception {
        return (ServletOutputStream) wrappers.outputStream(HttpServlet.class, handler);
    }

    @Test
    void theClassesAreDefinedNextToTheirBasesUnderTheirNames() throws Exception {
        Class<?> response = response().getClass();
        Class<?> stream = stream().getClass();
        assertEquals(HttpServletResponseWrapper.class.getName() + "$Cacheweaver", response.getName());
        assertEquals(ServletOutputStream.class.getName() + "$Cacheweaver", stream.getName());
        assertSame(HttpServletResponseWrapper.class, response.getSuperclass());
        assertSame(ServletOutputStream.class, stream.getSuperclass());
        assertSame(HttpServletResponseWrapper.class.getClassLoader(), response.getClassLoader());
        assertSame(HttpServletResponseWrapper.class.getPackage(), response.getPackage());
        assertTrue(Modifier.isPublic(response.getModifiers()));
        assertEquals("private final java.lang.reflect.InvocationHandler " + response.getName() + ".cw$handler",
                response.getDeclaredField("cw$handler").toString());
        assertEquals(1, response.getConstructors().length);
        assertEquals(List.of(HttpServletResponse.class, InvocationHandler.class),
                List.of(response.getConstructor(HttpServletResponse.class, InvocationHandler.class).getParameterTypes()));
        assertEquals(1, stream.getConstructors().length);
        assertEquals(List.of(InvocationHandler.class), List.of(stream.getConstructors()[0].getParameterTypes()));
    }

    @Test
    void aSecondGenerationInTheSameLoaderReusesTheDefinedClasses() throws Exception {
        Object first = response();
        OutputStream firstStream = stream();
        ServletWrappers again = new GeneratedServletWrappers(); // a reload: a new instance, the same application
        Object second = again.response(HttpServlet.class, container, handler);
        assertSame(first.getClass(), second.getClass());
        assertSame(firstStream.getClass(), again.outputStream(HttpServlet.class, handler).getClass());
        assertSame(first.getClass(), Class.forName(first.getClass().getName(), false, HttpServlet.class.getClassLoader()));
    }

    @Test
    void exactlyTheListedOverridableMethodsAreOverriddenEveryOverload() throws Exception {
        assertEquals(new TreeSet<>(List.of("flushBuffer()", "getOutputStream()", "getWriter()", "reset()", "resetBuffer()",
                        "sendError(int)", "sendError(int,java.lang.String)", "sendRedirect(java.lang.String)",
                        "sendRedirect(java.lang.String,int)", "setContentLength(int)", "setContentLengthLong(long)")),
                declared(response().getClass()), "not the final reset(boolean), not the static resetBuffer(String)");
        assertEquals(new TreeSet<>(List.of("close()", "flush()", "isReady()", "setWriteListener(" + WriteListener.class.getName() + ")",
                        "write(byte[])", "write(byte[],int,int)", "write(int)")),
                declared(stream().getClass()), "not print(String)");
    }

    private static Set<String> declared(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Method method : type.getDeclaredMethods()) {
            if (!Modifier.isStatic(method.getModifiers())) {
                String parameters = Arrays.toString(Arrays.stream(method.getParameterTypes()).map(Class::getTypeName).toArray());
                names.add(method.getName() + "(" + parameters.substring(1, parameters.length() - 1).replace(", ", ",") + ")");
            }
        }
        return names;
    }

    @Test
    void theHandlerSeesTheMostSpecificDeclarationAndTheBoxedArguments() throws Exception {
        HttpServletResponseWrapper response = response();
        response.sendError(404, "gone");
        response.setContentLengthLong(1L << 40);
        response.reset();
        response.sendRedirect("/there", 307);
        response.flushBuffer();
        assertEquals(List.of("sendError[404, gone]", "setContentLengthLong[1099511627776]", "reset()",
                "sendRedirect[/there, 307]", "flushBuffer()"), handler.calls);
        assertEquals(List.of(
                HttpServletResponseWrapper.class.getMethod("sendError", int.class, String.class),
                ServletResponseWrapper.class.getMethod("setContentLengthLong", long.class),
                ServletResponseWrapper.class.getMethod("reset"),
                HttpServletResponse.class.getMethod("sendRedirect", String.class, int.class), // the interface's default
                ServletResponseWrapper.class.getMethod("flushBuffer")), handler.methods);
        assertNull(handler.arguments.get(2), "no arguments: null, as Byte Buddy's adapter and Proxy pass");
        assertEquals(Long.class, handler.arguments.get(1)[0].getClass());
        assertEquals(List.of(), container.calls, "routed calls go to the handler only");
    }

    @Test
    void resultsComeBackAsTheMethodsTypes() throws Exception {
        PrintWriter writer = new PrintWriter(new StringWriter());
        handler.answer = writer;
        assertSame(writer, response().getWriter());
        ServletOutputStream inner = stream();
        handler.answer = inner;
        assertSame(inner, response().getOutputStream());
        handler.answer = Boolean.TRUE;
        assertTrue(stream().isReady());
        handler.answer = Boolean.FALSE;
        assertFalse(stream().isReady());
        handler.answer = null;
        assertThrows(NullPointerException.class, () -> stream().isReady(), "null for a primitive, as with Byte Buddy's adapter");
        handler.answer = "not a writer";
        assertThrows(ClassCastException.class, () -> response().getWriter());
    }

    @Test
    void theStreamsWritesArriveBoxedAndItsOtherMethodsStay() throws Exception {
        ServletOutputStream stream = stream();
        stream.write(65);
        stream.write(new byte[] {1, 2, 3}, 1, 2);
        stream.print("hi"); // not routed: the base's print, whose write(byte[]) is
        stream.flush();
        stream.close();
        assertEquals(List.of("write[65]", "write[[1, 2, 3], 1, 2]", "write[[104, 105]]", "flush()", "close()"), handler.calls);
        assertEquals(Integer.class, handler.arguments.get(0)[0].getClass());
        assertArrayEquals(new byte[] {104, 105}, (byte[]) handler.arguments.get(2)[0]);
        assertEquals(List.of(OutputStream.class.getMethod("write", int.class), OutputStream.class.getMethod("write", byte[].class, int.class, int.class),
                OutputStream.class.getMethod("write", byte[].class), OutputStream.class.getMethod("flush"),
                OutputStream.class.getMethod("close")), handler.methods);
    }

    @Test
    void methodsNotListedOrFinalKeepTheWrappersDelegation() throws Exception {
        HttpServletResponseWrapper response = response();
        response.setStatus(201);
        assertEquals(201, response.getStatus());
        assertEquals("UTF-8", response.getCharacterEncoding());
        response.reset(true); // final: the base's
        assertEquals(List.of("setStatus 201", "reset"), container.calls);
        assertEquals(List.of(), handler.calls);
        assertSame(container, response.getResponse(), "the base constructor got the response");
    }

    @Test
    void whatTheHandlerThrowsReachesTheCallerUnchanged() throws Exception {
        HttpServletResponseWrapper response = response();
        IOException checked = new IOException("declared");
        handler.failure = checked;
        assertSame(checked, assertThrows(IOException.class, () -> response.sendError(500)));
        IllegalStateException unchecked = new IllegalStateException("unchecked");
        handler.failure = unchecked;
        assertSame(unchecked, assertThrows(IllegalStateException.class, response::resetBuffer));
        Exception undeclared = new Exception("checked, and not declared by isReady()");
        handler.failure = undeclared;
        ServletOutputStream stream = stream();
        assertSame(undeclared, assertThrows(Exception.class, stream::isReady));
        Error error = new OutOfMemoryError("error");
        handler.failure = error;
        assertSame(error, assertThrows(OutOfMemoryError.class, () -> stream.write(1)));
    }

    @Test
    void anApiWithoutTheWrapperClassesIsReportedToTheCaller() {
        // a class named like a servlet API type whose namespace has no HttpServletResponseWrapper
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> wrappers.response(io.cacheweaver.agent.http.fixture.missing.servlet.Lonely.class, container, handler));
        assertEquals(ClassNotFoundException.class, failure.getCause().getClass());
    }
}
