/**
 * Where scafctl keeps its files ({@link dev.scafctl.config.Paths}), and {@code config.yaml} as the Go
 * scafctl defines it: what this tool acts on ({@link dev.scafctl.config.Config}), read and checked
 * ({@link dev.scafctl.config.ConfigStore}), the rest kept as written. What a catalog or a setting does
 * is left to the packages that use them.
 */
package dev.scafctl.config;
