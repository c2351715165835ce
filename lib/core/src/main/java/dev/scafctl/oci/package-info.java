/**
 * OCI building blocks shared by the local catalog and the registry client: digests, references, tags,
 * media types, manifest/index models and the on-disk image layout; knows nothing of registries or of
 * scafctl's artifact kinds.
 */
package dev.scafctl.oci;
