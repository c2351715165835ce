package dev.scafctl.provider;

import java.util.Map;

/**
 * Calls a provider so that nothing it reports shows a sensitive input: its events, its warnings
 * and its failure all pass through the {@link Redactor} for these inputs. The engine and the
 * single-provider call both go through here.
 */
public final class RedactingCall {
    private RedactingCall() {
    }

    public static ProviderResult execute(Provider provider, Map<String, Object> inputs, ProviderContext context) {
        Redactor redactor = Redactor.of(provider.descriptor(), inputs);
        if (redactor.isEmpty()) return provider.execute(inputs, context);
        ProviderContext masked = new ProviderContext(context.parameters(), context.solution(), context.workingDirectory(),
                context.resolver(), context.values(), redactor.wrap(context.listener()));
        ProviderResult result;
        try {
            result = provider.execute(inputs, masked);
        } catch (RuntimeException e) {
            throw redactor.redact(e);
        }
        return new ProviderResult(result.data(), result.warnings().stream().map(redactor::redact).toList(), result.metadata());
    }
}
