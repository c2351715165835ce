package dev.scafctl.api;

import dev.scafctl.Scafctl;
import dev.scafctl.config.Paths;
import dev.scafctl.event.Event;
import dev.scafctl.resolver.RunOptions;
import dev.scafctl.solution.Solution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The library as a plain Java program uses it (the README's example), run on the JUnit Platform beside the specs. */
class JavaApiTest {

    @Test
    void aJavaProgramLoadsRunsAndHearsEventsWithoutAnythingPrinted(@TempDir Path home) {
        List<Event> events = new CopyOnWriteArrayList<>();
        Scafctl scafctl = Scafctl.builder()
                .paths(new Paths(home.resolve("config"), home.resolve("data"), home.resolve("cache")))
                .listener(events::add)
                .build();
        Path root = Path.of(System.getProperty("scafctl.root", "..")).toAbsolutePath().normalize();

        Solution app = scafctl.loadSolution(root.resolve("examples/hello/solution.yaml"));
        Map<String, Object> values = scafctl.run(app, RunOptions.defaults().withParameters(Map.of("name", "Java")));

        assertEquals(Map.of("name", "Java", "greeting", "Hello, Java!"), values);
        assertEquals(List.of("name", "greeting"), List.copyOf(values.keySet()));
        assertFalse(events.isEmpty(), "progress reaches the listener");
        assertEquals(List.of(), scafctl.pluginCache(null).list(), "a solution without plugins fetches nothing");
    }
}
