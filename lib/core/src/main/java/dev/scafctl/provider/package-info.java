/**
 * The {@link dev.scafctl.provider.Provider} contract and the registry of providers by name.
 * Built-in providers live in {@code builtin}; plugin-backed ones in {@code dev.scafctl.plugin.host}.
 */
package dev.scafctl.provider;
