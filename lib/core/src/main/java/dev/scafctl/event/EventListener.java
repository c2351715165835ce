package dev.scafctl.event;

/** Receives {@link Event}s. Must be thread-safe: resolvers and downloads run in parallel. */
@FunctionalInterface
public interface EventListener {
    EventListener NONE = e -> { };

    void onEvent(Event event);
}
