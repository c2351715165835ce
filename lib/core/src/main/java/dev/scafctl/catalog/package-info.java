/**
 * Catalogs of solutions and plugins: the {@link dev.scafctl.catalog.Catalog} interface with the local
 * (OCI layout) and remote (registry) implementations, building, pushing, pulling, saving and loading
 * artifacts, and {@code --catalog} resolution; plugin version selection, caching and locking are left
 * to the plugin fetch pipeline, the HTTP protocol to {@code dev.scafctl.registry}.
 */
package dev.scafctl.catalog;
