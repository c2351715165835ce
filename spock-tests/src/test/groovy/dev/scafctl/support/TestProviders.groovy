package dev.scafctl.support

import dev.scafctl.provider.Provider
import dev.scafctl.provider.ProviderContext
import dev.scafctl.provider.ProviderDescriptor
import dev.scafctl.provider.ProviderException
import dev.scafctl.provider.ProviderRegistry
import dev.scafctl.provider.ProviderResult
import dev.scafctl.provider.builtin.BuiltinProviders

import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicInteger

/** Providers that record what the engine does with them. */
class TestProviders {
    final List<String> calls = new CopyOnWriteArrayList<>()
    final AtomicInteger active = new AtomicInteger()
    final AtomicInteger maxActive = new AtomicInteger()

    /** The built-ins plus: 'record' (returns input 'value', records the call), 'fail', and 'slow' (runs {@code during} while counted as active). */
    ProviderRegistry registry(Closure during = {}) {
        def registry = BuiltinProviders.registry()
        registry.register(provider('record') { Map inputs, ProviderContext ctx ->
            calls << "${ctx.resolver()}:${inputs.value}".toString()
            ProviderResult.of(inputs.value)
        })
        registry.register(provider('fail') { Map inputs, ProviderContext ctx ->
            throw new ProviderException("broken on purpose: ${inputs.reason}", 'nothing to do')
        })
        registry.register(provider('slow') { Map inputs, ProviderContext ctx ->
            int now = active.incrementAndGet()
            maxActive.accumulateAndGet(now, Math::max)
            try {
                during.call(ctx.resolver())
            } finally {
                active.decrementAndGet()
            }
            ProviderResult.of(inputs.value)
        })
        registry
    }

    static Provider provider(String name, Closure body) {
        def descriptor = ProviderDescriptor.builtIn(name, "test provider ${name}", [:])
        new Provider() {
            ProviderDescriptor descriptor() { descriptor }

            ProviderResult execute(Map<String, Object> inputs, ProviderContext context) {
                body.call(inputs, context) as ProviderResult
            }
        }
    }
}
