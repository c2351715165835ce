/** OCI value types shared by the local catalog and the registry client: digests, references, media types, manifests. */
package dev.scafctl.oci;
