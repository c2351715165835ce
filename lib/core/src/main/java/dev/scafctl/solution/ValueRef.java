package dev.scafctl.solution;

/**
 * A value computed at run time instead of written literally: {@code {rslvr: NAME}} or
 * {@code {expr: "<CEL>"}}. Inside parsed inputs, references appear as instances of this type,
 * possibly nested in maps and lists.
 */
public sealed interface ValueRef {

    /** The value of another resolver. */
    record Resolver(String name) implements ValueRef { }

    /** A CEL expression over {@code _}, the map of values resolved so far. */
    record Expr(String expression) implements ValueRef { }
}
