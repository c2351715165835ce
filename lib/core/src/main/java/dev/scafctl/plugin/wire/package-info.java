/**
 * A small gRPC client transport of our own (HTTP/2 with prior knowledge, HPACK, gRPC framing)
 * over a blocking socket channel, for talking to plugins on a local socket; it serves no calls,
 * speaks no TLS and leaves load balancing, retries and compression to nobody.
 */
package dev.scafctl.plugin.wire;
