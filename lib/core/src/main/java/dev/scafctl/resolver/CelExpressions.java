package dev.scafctl.resolver;

import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.ByteString;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.scafctl.error.InvalidInputException;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CEL over {@code _}, the map of resolver values. Compiled programs are cached by text.
 * Loaded lazily: solutions without expressions never start CEL.
 */
public final class CelExpressions {
    public static final String VALUES = "_";

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .addVar(VALUES, MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(CelExtensions.strings())
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .addLibraries(CelExtensions.strings())
            .build();
    private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

    private CelExpressions() {
    }

    /**
     * Names of resolvers the expression reads: {@code _.name} and {@code _["name"]}.
     *
     * @throws InvalidInputException when the expression does not compile
     */
    public static Set<String> references(String expression, String where) {
        CelAbstractSyntaxTree ast = compile(expression, where);
        Set<String> names = new LinkedHashSet<>();
        CelNavigableAst.fromAst(ast).getRoot().allNodes().forEach(node -> {
            CelExpr e = node.expr();
            switch (e.getKind()) {
                case SELECT -> {
                    CelExpr operand = e.select().operand();
                    if (isValuesIdent(operand)) names.add(e.select().field());
                }
                case CALL -> {
                    var call = e.call();
                    if (call.function().equals("_[_]") && call.args().size() == 2 && isValuesIdent(call.args().get(0))) {
                        CelExpr key = call.args().get(1);
                        if (key.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                                && key.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
                            names.add(key.constant().stringValue());
                        }
                    }
                }
                default -> { }
            }
        });
        return names;
    }

    private static boolean isValuesIdent(CelExpr e) {
        return e.getKind() == CelExpr.ExprKind.Kind.IDENT && e.ident().name().equals(VALUES);
    }

    /** Evaluates the expression with {@code _} bound to {@code values}; the result is plain Java. */
    public static Object evaluate(String expression, Map<String, Object> values, String where) {
        CelRuntime.Program program = PROGRAMS.computeIfAbsent(expression, x -> {
            try {
                return RUNTIME.createProgram(compile(x, where));
            } catch (CelEvaluationException e) {
                throw new InvalidInputException(where + ": cannot prepare CEL expression '" + x + "': "
                        + e.getMessage(), "fix the expression");
            }
        });
        try {
            return fromCel(program.eval(Map.of(VALUES, toCel(values))));
        } catch (CelEvaluationException e) {
            throw new InvalidInputException(where + ": CEL expression '" + expression + "' failed: "
                    + e.getMessage(), "check that the values it reads exist and have the types it expects");
        }
    }

    private static CelAbstractSyntaxTree compile(String expression, String where) {
        CelValidationResult result = COMPILER.compile(expression);
        try {
            return result.getAst();
        } catch (CelValidationException e) {
            throw new InvalidInputException(where + ": invalid CEL expression '" + expression + "': "
                    + result.getErrorString().strip(), "fix the expression; values are read as _.name or _[\"name\"]");
        }
    }

    @SuppressWarnings("unchecked")
    static Object toCel(Object v) {
        if (v == null) return com.google.protobuf.NullValue.NULL_VALUE;
        if (v instanceof Integer i) return i.longValue();
        if (v instanceof Float f) return f.doubleValue();
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, toCel(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(toCel(x)));
            return out;
        }
        return v;
    }

    static Object fromCel(Object v) {
        if (v == null || v instanceof com.google.protobuf.NullValue
                || v.getClass().getName().equals("dev.cel.common.values.NullValue")) {
            return null;
        }
        if (v instanceof UnsignedLong u) return u.longValue();
        if (v instanceof Integer i) return i.longValue();
        if (v instanceof ByteString b) return Base64.getEncoder().encodeToString(b.toByteArray());
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), fromCel(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(fromCel(x)));
            return out;
        }
        if (v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) return v;
        return v.toString();
    }
}
