package org.rdex.server.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the feature packages' dependencies in one direction, read from the sources themselves (import lines
 * and fully qualified names), so that a new edge that closes a cycle fails the build where it is written.
 */
class PackageDependenciesUnitTest {

    private static final Path SOURCES = Path.of("src/main/java/org/rdex/server");
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.rdex\\.server\\.([a-z0-9_]+(?:\\.[a-z0-9_]+)*)\\b");
    /** Types that describe the XML form of RDEX: only the format package may see them. */
    private static final Pattern XML_TYPES = Pattern.compile(
            "^import (static )?(org\\.rdex\\.server\\.rdex\\.xml|jakarta\\.xml\\.bind|javax\\.xml\\.stream"
                    + "|org\\.codehaus\\.stax2|com\\.ctc\\.wstx)\\b.*",
            Pattern.MULTILINE);

    /** The protocol contract's package: each package under it (one per protocol) is a node of its own. */
    private static final String PROTOCOL = "protocol";

    private static final Map<String, Set<String>> GRAPH = new TreeMap<>();
    private static final Map<Path, String> SOURCE_TEXT = new HashMap<>();

    @BeforeAll
    static void readSources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                SOURCE_TEXT.put(file, text);
                Path relative = SOURCES.relativize(file);
                String own = relative.getNameCount() > 2 && relative.getName(0).toString().equals(PROTOCOL)
                        ? PROTOCOL + "." + relative.getName(1) : relative.getName(0).toString();
                Set<String> edges = GRAPH.computeIfAbsent(own, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(text.replaceFirst("(?m)^package [^;]+;", ""));
                while (m.find()) {
                    String target = node(m.group(1));
                    if (!target.equals(own)) {
                        edges.add(target);
                    }
                }
            }
        }
    }

    @Test
    void package_graph_has_no_cycle() {
        List<List<String>> cycles = stronglyConnected().stream().filter(c -> c.size() > 1).toList();
        assertEquals(List.of(), cycles, "packages that depend on each other in a cycle (read their imports): " + GRAPH);
    }

    /** A referenced package as a node: its feature, or {@code protocol.<kind>} for a protocol's package. */
    private static String node(String dotted) {
        String[] parts = dotted.split("\\.");
        return parts[0].equals(PROTOCOL) && parts.length > 1 ? PROTOCOL + "." + parts[1] : parts[0];
    }

    @Test
    void protocol_packages_never_import_each_other() {
        assertTrue(GRAPH.keySet().stream().anyMatch(n -> n.startsWith(PROTOCOL + ".")), "protocol packages present");
        Map<String, Set<String>> offenders = new TreeMap<>();
        GRAPH.forEach((node, edges) -> {
            if (node.startsWith(PROTOCOL + ".")) {
                Set<String> others = new TreeSet<>(edges.stream().filter(e -> e.startsWith(PROTOCOL + ".")).toList());
                if (!others.isEmpty()) {
                    offenders.put(node, others);
                }
            }
        });
        assertEquals(Map.of(), offenders, "a protocol package talks to the others only through org.rdex.server.protocol");
    }

    @Test
    void no_package_outside_rdex_uses_xml_types() {
        List<String> offenders = new ArrayList<>();
        SOURCE_TEXT.forEach((file, text) -> {
            if (!SOURCES.relativize(file).getName(0).toString().equals("rdex") && XML_TYPES.matcher(text).find()) {
                offenders.add(SOURCES.relativize(file).toString());
            }
        });
        assertEquals(List.of(), offenders, "XML binding types belong to org.rdex.server.rdex");
    }

    @Test
    void the_model_depends_on_no_feature() {
        assertTrue(GRAPH.containsKey("model"), "model package present");
        assertEquals(Set.of(), GRAPH.get("model"), "the journey model must not depend on a feature or a format");
    }

    /**
     * A job runs on a schedule or from the CLI and calls services; the HTTP routes are another adapter over the
     * same services. A job naming a resource, admin endpoint or console page would tie the two adapters.
     */
    @Test
    void jobs_never_import_resources() {
        Set<String> routes = new TreeSet<>();
        SOURCE_TEXT.keySet().forEach(file -> {
            String name = file.getFileName().toString().replace(".java", "");
            if (name.endsWith("Resource") || name.endsWith("Endpoint") || name.endsWith("Page")) {
                routes.add(name);
            }
        });
        assertTrue(routes.contains("ExportResource"), "route classes found: " + routes);
        List<String> offenders = new ArrayList<>();
        SOURCE_TEXT.forEach((file, text) -> {
            String name = file.getFileName().toString();
            if (name.endsWith("Job.java")) {
                for (String route : routes) {
                    if (Pattern.compile("\\b" + route + "\\b").matcher(text).find()) {
                        offenders.add(name + " -> " + route);
                    }
                }
            }
        });
        assertTrue(SOURCE_TEXT.keySet().stream().anyMatch(f -> f.getFileName().toString().equals("ExportJob.java")),
                "jobs found");
        assertEquals(List.of(), offenders, "jobs call services, never the HTTP adapters");
    }

    @Test
    void finds_a_cycle_when_there_is_one() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        List<List<String>> cycles = tarjan(graph).stream().filter(c -> c.size() > 1).toList();
        assertEquals(1, cycles.size());
        assertEquals(Set.of("a", "b", "c"), new TreeSet<>(cycles.get(0)));
    }

    private static List<List<String>> stronglyConnected() {
        return tarjan(GRAPH);
    }

    /** Tarjan's strongly connected components; a component of more than one package is a cycle. */
    private static List<List<String>> tarjan(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> components = new ArrayList<>();
        int[] counter = { 0 };
        for (String node : new TreeSet<>(graph.keySet())) {
            if (!index.containsKey(node)) {
                visit(node, graph, index, low, stack, onStack, components, counter);
            }
        }
        return components;
    }

    private static void visit(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<List<String>> components,
            int[] counter) {
        index.put(node, counter[0]);
        low.put(node, counter[0]);
        counter[0]++;
        stack.push(node);
        onStack.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                visit(next, graph, index, low, stack, onStack, components, counter);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            List<String> component = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            components.add(component);
        }
    }
}
