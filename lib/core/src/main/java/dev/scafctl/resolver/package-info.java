/**
 * The resolver engine: value references, CEL, dependency phases, parallel execution and type
 * coercion. It knows providers only through {@link dev.scafctl.provider.ProviderRegistry}; loading plugins is not its job.
 */
package dev.scafctl.resolver;
