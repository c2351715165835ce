/**
 * Runs plugin binaries and calls their providers over go-plugin's gRPC protocol; finding,
 * fetching and verifying the binaries is {@code dev.scafctl.plugin}'s job.
 */
package dev.scafctl.plugin.host;
