/**
 * Solution bundles: the files a solution uses, found from {@code bundle.include}, written as the
 * layers the Go scafctl writes (v2: bundle manifest, small-files tar, one blob per large file) and
 * extracted, from v1 or v2, digest-checked and confined to a fresh directory; storing the layers in
 * a catalog and choosing where to extract are left to {@code dev.scafctl.catalog}.
 */
package dev.scafctl.bundle;
