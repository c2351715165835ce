/**
 * The plugin pipeline: requirements (bundle.plugins) -> selections (versions found in the catalog
 * chain) -> locks (pinned versions and digests), and the verified binary cache. Launching the
 * binaries is {@code dev.scafctl.plugin.host}'s job.
 */
package dev.scafctl.plugin;
