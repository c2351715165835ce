/**
 * The {@link dev.scafctl.provider.Provider} contract and the registry of providers by name.
 * Built-in providers live in {@code builtin}; plugin-backed ones in {@code dev.scafctl.plugin.host}.
 * {@link dev.scafctl.provider.RedactingCall} is how a host calls any provider so that the inputs
 * it marks sensitive never show.
 */
package dev.scafctl.provider;
