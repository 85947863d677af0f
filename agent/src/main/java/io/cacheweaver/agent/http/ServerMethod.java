package io.cacheweaver.agent.http;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * One server method the HTTP layer weaves: its class (binary name), its name and exact descriptor,
 * and which of the two rewrites it gets. The names are parameters so that tests can weave fixture
 * classes of the same shape as the servlet API's and the JDK server's.
 */
record ServerMethod(String className, String name, String descriptor, Kind kind) {

    /** The two rewrites, one per server API. */
    enum Kind {
        /** {@code HttpServlet.service(ServletRequest, ServletResponse)}: {@link WovenServletService}. */
        SERVLET_SERVICE,
        /** {@code Filter.Chain.doFilter(HttpExchange)}: {@link WovenChainDoFilter}. */
        CHAIN_DO_FILTER
    }

    /**
     * {@code service(request, response)} of {@code servletClass}, returning void as the servlet
     * API's does (the woven exit code returns nothing of its own).
     */
    static ServerMethod servletService(String servletClass, String requestType, String responseType) {
        return new ServerMethod(servletClass, "service", "(" + descriptorOf(requestType) + descriptorOf(responseType) + ")V",
                Kind.SERVLET_SERVICE);
    }

    /** {@code doFilter(exchange)} of {@code chainClass}, returning void as the JDK's does. */
    static ServerMethod chainDoFilter(String chainClass, String exchangeType) {
        return new ServerMethod(chainClass, "doFilter", "(" + descriptorOf(exchangeType) + ")V", Kind.CHAIN_DO_FILTER);
    }

    String internalName() {
        return className.replace('.', '/');
    }

    /** Whether a method of the class, as the class file declares it, is this one and has code to weave. */
    boolean matches(int access, String methodName, String methodDescriptor) {
        // static: not the API's method (the woven code reads `this`); abstract, native: no code
        return (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_STATIC)) == 0 && name.equals(methodName) && descriptor.equals(methodDescriptor);
    }

    /**
     * The rewrite of this method's code on its way to {@code writer}. {@code owner}: the class's
     * internal name; {@code version}: its class file major version (frames from 50 on, class
     * constants from 49 on).
     */
    MethodVisitor weave(MethodVisitor writer, String owner, int version) {
        Type[] parameters = Type.getArgumentTypes(descriptor);
        return switch (kind) {
            case SERVLET_SERVICE -> WovenServletService.of(writer, owner, parameters, version);
            case CHAIN_DO_FILTER -> new WovenChainDoFilter(writer, owner, parameters[0], version);
        };
    }

    private static String descriptorOf(String className) {
        return "L" + className.replace('.', '/') + ";";
    }
}
