package dev.scafctl.resolver;

import dev.scafctl.error.InvalidInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolver dependencies, ordered into phases: a resolver's phase is one past the latest phase
 * of what it depends on, so every phase depends only on earlier ones.
 */
public final class DependencyGraph {
    private final Map<String, Set<String>> edges;

    /** @param edges each resolver (in declaration order) and the resolvers it reads */
    public DependencyGraph(Map<String, Set<String>> edges) {
        this.edges = edges;
    }

    /** {@code root} and everything it depends on, transitively. */
    public Set<String> closure(String root) {
        Set<String> out = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            String n = todo.remove(todo.size() - 1);
            if (out.add(n)) todo.addAll(edges.getOrDefault(n, Set.of()));
        }
        return out;
    }

    /**
     * The phases of the given resolvers, each in declaration order.
     *
     * @throws InvalidInputException naming the cycle's path when there is one
     */
    public List<List<String>> phases(Set<String> subset) {
        Map<String, Integer> level = new LinkedHashMap<>();
        for (String n : edges.keySet()) {
            if (subset.contains(n)) levelOf(n, level, new ArrayList<>());
        }
        int max = level.values().stream().mapToInt(i -> i).max().orElse(-1);
        List<List<String>> phases = new ArrayList<>();
        for (int i = 0; i <= max; i++) phases.add(new ArrayList<>());
        for (String n : edges.keySet()) {
            if (level.containsKey(n)) phases.get(level.get(n)).add(n);
        }
        return phases;
    }

    private int levelOf(String n, Map<String, Integer> level, List<String> path) {
        Integer known = level.get(n);
        if (known != null) return known;
        int at = path.indexOf(n);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(n);
            throw new InvalidInputException("dependency cycle between resolvers: " + String.join(" -> ", cycle),
                    "break the cycle by removing one of these references or dependsOn entries");
        }
        path.add(n);
        int l = 0;
        for (String d : edges.getOrDefault(n, Set.of())) {
            l = Math.max(l, levelOf(d, level, path) + 1);
        }
        path.remove(path.size() - 1);
        level.put(n, l);
        return l;
    }
}
