/**
 * The OCI distribution client: manifests, blobs, tags and listing over HTTP(S), with bearer and basic
 * auth from scafctl's and docker's credential stores (sent to the registry and its token realm only),
 * retrying transient faults, timing out silent registries and giving up on ones too slow to finish
 * ({@link dev.scafctl.registry.RetryPolicy}), and reading nothing beyond the size it was told to expect;
 * knows nothing of artifact kinds or the local catalog.
 *
 * <p>Why not oras-java (land.oras:oras-java-sdk 0.7.0), as first planned: it brings a second Jackson
 * (3.x), BouncyCastle and logback (about a second of start-up before the first request, and a logger
 * we would have to keep off stdout), and its blob download held ~600 MiB of heap for a 256 MiB blob,
 * while plugin fetch must stay within 128 MiB and match skopeo's time. Streaming every blob ourselves
 * would have left it only the manifest calls and the auth handshake, which are a few dozen lines of
 * the distribution spec. So this package is a small client over the JDK's {@code HttpURLConnection}
 * (not {@code java.net.http}, whose body streaming was three times slower; see {@code HttpTransport}):
 * blobs stream in fixed-size chunks in both directions, loopback registries speak plain HTTP, and the
 * classes load only when a command really talks to a registry.
 */
package dev.scafctl.registry;
