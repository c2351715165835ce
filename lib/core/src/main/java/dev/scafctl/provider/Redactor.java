package dev.scafctl.provider;

import dev.scafctl.error.ScafctlException;
import dev.scafctl.event.Event;
import dev.scafctl.event.EventListener;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hides the values of a provider's sensitive inputs (its descriptor's {@code sensitiveFields})
 * in everything the host shows about a call: error messages, warnings, streamed output, plugin
 * logs and events. It replaces the values themselves, wherever they appear, because a provider
 * may echo a secret in any text it returns.
 */
public final class Redactor {
    public static final String MASK = "***";
    /** Shorter values would mask ordinary words everywhere and hide nothing worth hiding. */
    private static final int MIN_LENGTH = 3;
    public static final Redactor NONE = new Redactor(List.of());

    private final List<String> secrets;

    private Redactor(Collection<String> secrets) {
        // longest first, so a secret that contains another is masked whole
        Set<String> sorted = new TreeSet<>(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s));
        sorted.addAll(secrets);
        this.secrets = List.copyOf(sorted);
    }

    public static Redactor of(ProviderDescriptor descriptor, Map<String, Object> inputs) {
        if (descriptor == null || inputs == null || descriptor.sensitiveFields().isEmpty()) return NONE;
        List<String> values = new ArrayList<>();
        for (String field : descriptor.sensitiveFields()) collect(inputs.get(field), values);
        return values.isEmpty() ? NONE : new Redactor(values);
    }

    private static void collect(Object value, List<String> into) {
        if (value instanceof Map<?, ?> m) m.values().forEach(v -> collect(v, into));
        else if (value instanceof Collection<?> c) c.forEach(v -> collect(v, into));
        else if (value != null) {
            String s = String.valueOf(value);
            if (s.strip().length() >= MIN_LENGTH) into.add(s);
        }
    }

    public List<String> secrets() {
        return secrets;
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    public Redactor plus(Redactor other) {
        if (other.isEmpty()) return this;
        if (isEmpty()) return other;
        List<String> all = new ArrayList<>(secrets);
        all.addAll(other.secrets);
        return new Redactor(all);
    }

    public String redact(String text) {
        if (text == null || secrets.isEmpty()) return text;
        String out = text;
        for (String s : secrets) out = out.replace(s, MASK);
        return out;
    }

    public Event redact(Event e) {
        if (secrets.isEmpty()) return e;
        if (e instanceof Event.Note n) return new Event.Note(redact(n.text()));
        if (e instanceof Event.Warning w) return new Event.Warning(redact(w.text()));
        if (e instanceof Event.PluginLog l) return new Event.PluginLog(l.plugin(), redact(l.line()));
        if (e instanceof Event.ProviderOutput o) {
            // a chunk boundary can split a secret; output is text in practice, and a split secret is a known limit
            String text = new String(o.data(), StandardCharsets.UTF_8);
            String masked = redact(text);
            return masked.equals(text) ? e : new Event.ProviderOutput(o.provider(), o.stderr(), masked.getBytes(StandardCharsets.UTF_8));
        }
        return e;
    }

    public EventListener wrap(EventListener listener) {
        return secrets.isEmpty() ? listener : e -> listener.onEvent(redact(e));
    }

    /**
     * The failure with the secrets masked. When masking changed the text, the cause is dropped
     * (its message would show the secret in a --verbose stack trace) but its stack is kept.
     */
    public RuntimeException redact(RuntimeException e) {
        if (secrets.isEmpty()) return e;
        String message = String.valueOf(e instanceof ScafctlException ? e.getMessage() : e.toString());
        String next = e instanceof ScafctlException se ? se.nextStep() : "run with -v for details";
        boolean invalid = e instanceof ScafctlException se && se.isInvalidInput();
        if (redact(message).equals(message) && redact(next).equals(next) && !causeLeaks(e.getCause())) return e;
        RedactedException out = new RedactedException(redact(message), redact(next), invalid);
        out.setStackTrace(e.getStackTrace());
        return out;
    }

    private boolean causeLeaks(Throwable t) {
        for (; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (!redact(m).equals(m)) return true;
        }
        return false;
    }

    /** A failure whose text was masked; it keeps the original's exit code. */
    static final class RedactedException extends ScafctlException {
        private final boolean invalidInput;

        RedactedException(String message, String nextStep, boolean invalidInput) {
            super(message, nextStep);
            this.invalidInput = invalidInput;
        }

        @Override
        public boolean isInvalidInput() {
            return invalidInput;
        }
    }
}
