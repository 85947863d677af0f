package io.cacheweaver.runtime;

import io.cacheweaver.rules.expr.Template;
import io.cacheweaver.runtime.expr.CompileException;
import io.cacheweaver.runtime.expr.ExpressionCompiler;
import io.cacheweaver.runtime.expr.Node;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code purge:} paths of an evict rule ({@code "/products/{product.id}"}): compiled once per
 * site, rendered after each eviction. Inserted values are percent-encoded as path segment text, so
 * a value can never add a segment or a query string to the path.
 */
final class PurgePaths {
    private PurgePaths() {
    }

    static List<Node> compile(List<Template> templates, ExpressionCompiler compiler) throws CompileException {
        List<Node> nodes = new ArrayList<>();
        for (Template template : templates) {
            List<Template.Part> parts = template.parts();
            Object[] compiled = new Object[parts.size()];
            for (int i = 0; i < parts.size(); i++) {
                compiled[i] = parts.get(i) instanceof Template.Text text ? text.text()
                        : compiler.compile(((Template.Placeholder) parts.get(i)).path());
            }
            nodes.add((self, args, result) -> {
                StringBuilder out = new StringBuilder();
                for (Object part : compiled) {
                    if (part instanceof Node node) {
                        encode(out, String.valueOf(node.eval(self, args, result)));
                    } else {
                        out.append(part);
                    }
                }
                return out.toString();
            });
        }
        return List.copyOf(nodes);
    }

    static List<String> render(List<Node> paths, Object self, Object[] args) {
        List<String> out = new ArrayList<>(paths.size());
        for (Node path : paths) {
            try {
                out.add((String) path.eval(self, args, null));
            } catch (Throwable t) {
                AgentLog.warnRateLimited("purge-path", "cdn purge: a purge path could not be rendered: " + t.getClass().getName());
            }
        }
        return out;
    }

    /** RFC 3986 unreserved characters and sub-delimiters stay; everything else is %XX of its UTF-8 bytes. */
    private static void encode(StringBuilder out, String value) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (Character.isLetterOrDigit(c) && c < 0x80 || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
    }
}
