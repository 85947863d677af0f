package io.cacheweaver.agent.http;

import static net.bytebuddy.matcher.ElementMatchers.isFinal;
import static net.bytebuddy.matcher.ElementMatchers.isVirtual;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.cacheweaver.runtime.http.ServletWrappers;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.FieldManifestation;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.dynamic.scaffold.subclass.ConstructorStrategy;
import net.bytebuddy.implementation.FieldAccessor;
import net.bytebuddy.implementation.InvocationHandlerAdapter;
import net.bytebuddy.implementation.MethodCall;

/**
 * Defines, once per servlet API (class loader and namespace), a {@code HttpServletResponseWrapper}
 * subclass and a {@code ServletOutputStream} subclass whose chosen methods call an
 * {@link InvocationHandler}. They are defined through a lookup in the API's own packages, so they
 * live in the application's class loader next to the classes they extend; the agent's class
 * loader never sees a servlet class, and nothing is generated for an application without servlets.
 */
public final class GeneratedServletWrappers implements ServletWrappers {
    private static final String HANDLER = "cw$handler";

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
        ByteBuddy byteBuddy = new ByteBuddy().with(TypeValidation.DISABLED);

        Class<?> response = defined(wrapperBase.getName() + "$Cacheweaver", loader);
        if (response == null) {
            response = byteBuddy.subclass(wrapperBase, ConstructorStrategy.Default.NO_CONSTRUCTORS)
                .name(wrapperBase.getName() + "$Cacheweaver")
                .defineField(HANDLER, InvocationHandler.class, Visibility.PRIVATE, FieldManifestation.FINAL)
                .defineConstructor(Visibility.PUBLIC).withParameters(responseType, InvocationHandler.class)
                .intercept(MethodCall.invoke(wrapperBase.getConstructor(responseType)).withArgument(0)
                        .andThen(FieldAccessor.ofField(HANDLER).setsArgumentAt(1)))
                .method(namedOneOf(RESPONSE_METHODS.toArray(String[]::new)).and(isVirtual()).and(not(isFinal())))
                .intercept(InvocationHandlerAdapter.toField(HANDLER))
                .make()
                .load(loader, ClassLoadingStrategy.UsingLookup.of(
                        MethodHandles.privateLookupIn(wrapperBase, MethodHandles.lookup())))
                .getLoaded();
        }

        Class<?> stream = defined(streamBase.getName() + "$Cacheweaver", loader);
        if (stream == null) {
            stream = byteBuddy.subclass(streamBase, ConstructorStrategy.Default.NO_CONSTRUCTORS)
                .name(streamBase.getName() + "$Cacheweaver")
                .defineField(HANDLER, InvocationHandler.class, Visibility.PRIVATE, FieldManifestation.FINAL)
                .defineConstructor(Visibility.PUBLIC).withParameters(InvocationHandler.class)
                .intercept(MethodCall.invoke(streamBase.getDeclaredConstructor())
                        .andThen(FieldAccessor.ofField(HANDLER).setsArgumentAt(0)))
                .method(namedOneOf(STREAM_METHODS.toArray(String[]::new)).and(isVirtual()).and(not(isFinal())))
                .intercept(InvocationHandlerAdapter.toField(HANDLER))
                .make()
                .load(loader, ClassLoadingStrategy.UsingLookup.of(
                        MethodHandles.privateLookupIn(streamBase, MethodHandles.lookup())))
                .getLoaded();
        }

        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        return new Generated(
                lookup.findConstructor(response, MethodType.methodType(void.class, responseType, InvocationHandler.class))
                        .asType(MethodType.methodType(Object.class, Object.class, InvocationHandler.class)),
                lookup.findConstructor(stream, MethodType.methodType(void.class, InvocationHandler.class))
                        .asType(MethodType.methodType(Object.class, InvocationHandler.class)));
    }
}
