/**
 * scafctl as a library. {@link dev.scafctl.Scafctl} is the entry point; the subpackages hold the
 * solution model, the resolver engine, providers, config, catalogs and the plugin pipeline.
 */
package dev.scafctl;
