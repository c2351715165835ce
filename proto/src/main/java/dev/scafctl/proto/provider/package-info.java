/**
 * The scafctl provider plugin contract: messages and stubs generated from {@code plugin/provider.proto},
 * and {@link dev.scafctl.proto.provider.DescriptorRules}, the Go scafctl's checks of a descriptor;
 * launching plugins and serving them is the host's and the SDK's job.
 */
package dev.scafctl.proto.provider;
