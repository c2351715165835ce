/**
 * The plugin side of scafctl's go-plugin protocol, for providers written in Java; launching
 * and calling plugins is the host's job ({@code dev.scafctl.plugin.host} in scafctl-core).
 */
package dev.scafctl.plugin.sdk;
