package io.cacheweaver.agent.http;

import io.cacheweaver.runtime.AgentLog;
import io.cacheweaver.runtime.http.ServletWrappers;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Defines, once per servlet API (class loader and namespace), a {@code HttpServletResponseWrapper}
 * subclass and a {@code ServletOutputStream} subclass whose chosen methods call an
 * {@link InvocationHandler} (written by {@link WrapperClassWriter}, plain ASM: no Byte Buddy class
 * is loaded for them). They are defined through a lookup in the API's own packages, so they live in
 * the application's class loader next to the classes they extend; the agent's class loader never
 * sees a servlet class, and nothing is generated for an application without servlets.
 */
public final class GeneratedServletWrappers implements ServletWrappers {
    private record Generated(MethodHandle response, MethodHandle stream) {
    }

    private final ClassValue<Object> generated = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> servletType) {
            // ClassValue may compute in several threads at once (the first requests of a busy server):
            // one lock, and classes an earlier computation already defined are reused, never defined twice
            synchronized (GeneratedServletWrappers.class) {
                try {
                    return generate(servletType);
                } catch (Throwable t) {
                    return t; // reported by the caller, every time the API is used: the request passes through
                }
            }
        }
    };

    @Override
    public Object response(Class<?> servletType, Object response, InvocationHandler handler) throws Exception {
        try {
            return classes(servletType).response().invoke(response, handler);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public OutputStream outputStream(Class<?> servletType, InvocationHandler handler) throws Exception {
        try {
            return (OutputStream) classes(servletType).stream().invoke(handler);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private Generated classes(Class<?> servletType) throws Exception {
        Object value = generated.get(servletType);
        if (value instanceof Generated g) {
            return g;
        }
        throw new IllegalStateException("cannot generate the servlet wrapper classes: " + value, (Throwable) value);
    }

    /** The class {@code name} if an earlier computation already defined it in {@code loader}, else {@code null}. */
    private static Class<?> defined(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static Generated generate(Class<?> servletType) throws Exception {
        String name = servletType.getName();
        String ns = name.substring(0, name.indexOf(".servlet."));
        ClassLoader loader = servletType.getClassLoader();
        Class<?> wrapperBase = Class.forName(ns + ".servlet.http.HttpServletResponseWrapper", false, loader);
        Class<?> responseType = Class.forName(ns + ".servlet.http.HttpServletResponse", false, loader);
        Class<?> streamBase = Class.forName(ns + ".servlet.ServletOutputStream", false, loader);
        Class<?> response = subclass(wrapperBase.getConstructor(responseType), RESPONSE_METHODS);
        Class<?> stream = subclass(streamBase.getDeclaredConstructor(), STREAM_METHODS);

        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        return new Generated(
                lookup.findConstructor(response, MethodType.methodType(void.class, responseType, InvocationHandler.class))
                        .asType(MethodType.methodType(Object.class, Object.class, InvocationHandler.class)),
                lookup.findConstructor(stream, MethodType.methodType(void.class, InvocationHandler.class))
                        .asType(MethodType.methodType(Object.class, InvocationHandler.class)));
    }

    /**
     * {@code <base>$Cacheweaver}, whose constructor is {@code superConstructor}'s plus the handler and
     * whose {@code methods} call the handler: the one an earlier computation defined in the base's
     * loader (another instance of this class, after a reload), else defined now, in the base's package.
     */
    private static Class<?> subclass(Constructor<?> superConstructor, List<String> methods) throws Exception {
        Class<?> base = superConstructor.getDeclaringClass();
        String name = base.getName() + "$Cacheweaver";
        Class<?> earlier = defined(name, base.getClassLoader());
        if (earlier != null) {
            return earlier;
        }
        byte[] bytes = WrapperClassWriter.write(name, superConstructor, WrapperClassWriter.routed(base, methods));
        dump(name, bytes);
        return MethodHandles.privateLookupIn(base, MethodHandles.lookup()).defineClass(bytes);
    }

    /** Under {@code net.bytebuddy.dump}, as Byte Buddy wrote the classes it generated there. */
    private static void dump(String name, byte[] bytes) {
        String dir = System.getProperty("net.bytebuddy.dump");
        if (dir != null) {
            try {
                Files.write(Path.of(dir, name + ".class"), bytes);
            } catch (IOException | RuntimeException e) {
                AgentLog.debug("could not write " + name + " to net.bytebuddy.dump=" + dir + ": " + AgentLog.describe(e));
            }
        }
    }
}
