package softmaxlab.latex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import softmaxlab.check.Derivation;
import softmaxlab.check.Verdict;
import softmaxlab.graph.Graph;

/**
 * The acceptance corpus of issue 16: derivations and fragments in textbook notation, written apart from the four
 * documents, with outcomes computed apart from the library (textbook-derivations.txt says how). Every block of the
 * file is one test, named by its title. A case marked {@code status: pending} is run too: the test reports what the
 * reader does with it today and skips it, and fails once it meets its expectation, so that the mark is removed.
 */
class TextbookCorpusTest {

    static final String FILE = "textbook-derivations.txt";

    /** One block of the file: its lines, key by key, in order. */
    record Block(int line, Map<String, List<String>> values) {

        String one(String key) {
            List<String> v = values.getOrDefault(key, List.of());
            if (v.size() != 1) {
                throw new IllegalStateException(FILE + " line " + line + ": expected one \"" + key + ":\", found "
                        + v.size());
            }
            return v.get(0);
        }

        List<String> all(String key) {
            return values.getOrDefault(key, List.of());
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        boolean pending() {
            return has("status") && one("status").equals("pending");
        }

        String title() {
            return has("case") ? one("case") : "reader: " + one("reader");
        }
    }

    private static final Set<String> CASE_KEYS = Set.of("case", "style", "kind", "point", "fixed", "forward", "claim",
            "expect", "says", "status", "note");
    private static final Set<String> READER_KEYS = Set.of("reader", "style", "means", "expect", "status", "note");
    // "forward[i=1..3]" and "claim[j=1..3]": the key, then an index letter and its range
    private static final Pattern KEY = Pattern.compile("([a-z]+)(?:\\[([a-z])=(\\d+)\\.\\.(\\d+)])?");
    private static final Pattern BREAKS = Pattern.compile("breaks at step (\\d+)");
    private static final Pattern REFUSED_AT = Pattern.compile("refused at column (\\d+)");
    // a value that starts with the range of its key: "[i=1..3]a_i = ..."
    private static final Pattern RANGE = Pattern.compile("\\[([a-z])=(\\d+)\\.\\.(\\d+)](.*)");

    static List<Block> blocks() throws IOException {
        List<Block> blocks = new ArrayList<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        int start = 0;
        List<String> lines;
        try (InputStream in = TextbookCorpusTest.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is not on the test class path");
            }
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        for (int n = 0; n <= lines.size(); n++) {
            String line = n < lines.size() ? lines.get(n) : "";
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isBlank()) {
                if (!values.isEmpty()) {
                    blocks.add(new Block(start, values));
                    values = new LinkedHashMap<>();
                }
                continue;
            }
            int colon = line.indexOf(": ");
            if (colon < 0) {
                throw new IllegalStateException(FILE + " line " + (n + 1) + ": expected \"key: value\", found \""
                        + line + "\"");
            }
            if (values.isEmpty()) {
                start = n + 1;
            }
            // an indexed key keeps its range with the value: "forward[i=1..3]" -> "forward" = "[i=1..3]a_i = ..."
            Matcher key = KEY.matcher(line.substring(0, colon));
            if (!key.matches()) {
                throw new IllegalStateException(FILE + " line " + (n + 1) + ": unknown key \""
                        + line.substring(0, colon) + "\"");
            }
            String range = key.group(2) == null ? "" : "[" + key.group(2) + "=" + key.group(3) + ".." + key.group(4)
                    + "]";
            values.computeIfAbsent(key.group(1), k -> new ArrayList<>()).add(range + line.substring(colon + 2).strip());
        }
        return blocks;
    }

    @Test
    void theCorpusIsWellFormed() throws IOException {
        List<Block> blocks = blocks();
        Set<String> titles = new HashSet<>();
        int cases = 0;
        int matrix = 0;
        int slips = 0;
        for (Block b : blocks) {
            assertTrue(titles.add(b.title()), "two blocks named " + b.title());
            Set<String> allowed = b.has("case") ? CASE_KEYS : READER_KEYS;
            assertTrue(allowed.containsAll(b.values().keySet()), "line " + b.line() + ": keys " + b.values().keySet()
                    + "; expected some of " + allowed);
            if (b.has("case")) {
                cases++;
                matrix += b.one("kind").equals("matrix") ? 1 : 0;
                assertTrue(Set.of("scalar", "matrix").contains(b.one("kind")), b.title());
                assertTrue(b.one("expect").equals("holds") || b.one("expect").equals("refused")
                        || BREAKS.matcher(b.one("expect")).matches(), b.title() + ": expect " + b.one("expect"));
                slips += b.one("expect").startsWith("breaks") ? 1 : 0;
                assertEquals(b.one("expect").equals("refused"), b.has("says"), b.title() + ": says: goes with "
                        + "expect: refused, and a refusal names the formula it is about");
                // one style and one claim each (one() throws otherwise)
                b.one("style");
                b.one("claim");
            } else {
                assertTrue(b.has("means") != b.has("expect"), b.title() + ": expected means or expect");
            }
        }
        // the issue's corpus: about 45 derivations, half in matrix form, a third with a planted slip; 15 fragments
        assertTrue(cases >= 45 && matrix * 2 >= cases - 10 && slips * 3 >= cases - 10,
                cases + " cases, " + matrix + " in matrix form, " + slips + " with a slip");
        assertTrue(blocks.size() - cases >= 15, (blocks.size() - cases) + " reader cases");
    }

    @TestFactory
    Stream<DynamicTest> derivations() throws IOException {
        return blocks().stream().filter(b -> b.has("case"))
                .map(b -> DynamicTest.dynamicTest(b.one("kind") + ": " + b.title(), () -> run(b, derivation(b))));
    }

    @TestFactory
    Stream<DynamicTest> readings() throws IOException {
        return blocks().stream().filter(b -> b.has("reader"))
                .map(b -> DynamicTest.dynamicTest(b.title(), () -> run(b, reading(b))));
    }

    /** What the check said, or the refusal. */
    record Outcome(String kind, int step, String detail) {

        static Outcome refused(IllegalArgumentException e) {
            return new Outcome("refused", 0, e.getMessage());
        }

        // the reader's list of everything it supports, which its messages end with today, is left out of reports
        @Override
        public String toString() {
            String shown = detail.replaceFirst("\\. Supported: .*", " [+ list of everything supported]");
            return (kind.equals("breaks") ? "breaks at step " + step : kind) + (shown.isEmpty() ? "" : ": " + shown);
        }
    }

    // a case meets its expectation, or (pending) is skipped with what happens today
    private static void run(Block b, Outcome today) {
        String expected = b.has("expect") ? b.one("expect") : "means " + b.one("means");
        boolean met = meets(b, today);
        if (b.pending()) {
            if (met) {
                fail(b.title() + " is marked pending but meets its expectation (" + expected + "): remove its "
                        + "\"status: pending\" line in " + FILE);
            }
            Assumptions.abort(b.title() + " is pending: expected " + expected + "; today " + today);
        }
        assertTrue(met, b.title() + ": expected " + expected + "; got " + today);
    }

    private static boolean meets(Block b, Outcome o) {
        String expect = b.has("expect") ? b.one("expect") : "means";
        if (expect.equals("means")) {
            return o.kind().equals("means");
        }
        if (expect.startsWith("refused")) {
            Matcher at = REFUSED_AT.matcher(expect);
            return o.kind().equals("refused") && b.all("says").stream().allMatch(o.detail()::contains)
                    && (!at.matches() || o.detail().contains("column " + at.group(1)));
        }
        Matcher breaks = BREAKS.matcher(expect);
        return breaks.matches() ? o.kind().equals("breaks") && o.step() == Integer.parseInt(breaks.group(1))
                : o.kind().equals("holds");
    }

    // the graph from the point and the forward pass, the claim checked on it
    private static Outcome derivation(Block b) {
        try {
            Graph g = new Graph();
            g.leaves(String.join(", ", b.all("point")));
            for (String forward : b.all("forward")) {
                Indexed f = Indexed.of(forward);
                if (f.index == null) {
                    g.assign(f.latex);
                } else {
                    g.assign(f.latex, f.index, f.from, f.to);
                }
            }
            Derivation d = Derivation.on(g);
            if (b.has("fixed")) {
                d.fixed(b.one("fixed"));
            }
            Indexed claim = Indexed.of(b.one("claim"));
            Derivation.Check check = d.claim(b.title(), claim.latex);
            if (claim.index != null) {
                check.over(claim.index, claim.from, claim.to);
            }
            Verdict v = check.check();
            if (v.holds()) {
                return new Outcome("holds", 0, "");
            }
            // a claim A = B that fails breaks at its only =
            return new Outcome("breaks", v.brokenStep().orElse(1), v.whereItFails());
        } catch (IllegalArgumentException e) {
            return Outcome.refused(e);
        } catch (RuntimeException e) {
            return new Outcome("error", 0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A forward or claim line, with the index range it is written for, if any. */
    private record Indexed(String latex, String index, int from, int to) {

        static Indexed of(String value) {
            Matcher m = RANGE.matcher(value);
            return m.matches() ? new Indexed(m.group(4), m.group(1), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))) : new Indexed(value, null, 0, 0);
        }
    }

    // a fragment read: the same tree as `means`, or the same value at seeded values of means' symbols
    private static Outcome reading(Block b) {
        List<Expr> read;
        try {
            read = Formula.read(b.one("reader")).sides();
        } catch (IllegalArgumentException e) {
            return Outcome.refused(e);
        } catch (RuntimeException e) {
            return new Outcome("error", 0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        String printed = String.join(" = ", read.stream().map(Expr::toLatex).toList());
        if (!b.has("means")) {
            return new Outcome("read", 0, "as " + printed);
        }
        List<Expr> meant = Formula.read(b.one("means")).sides();
        if (read.equals(meant) || sameValues(read, meant)) {
            return new Outcome("means", 0, "");
        }
        return new Outcome("read", 0, "as " + printed);
    }

    private static boolean sameValues(List<Expr> read, List<Expr> meant) {
        if (read.size() != meant.size()) {
            return false;
        }
        Set<String> names = new HashSet<>();
        meant.forEach(e -> e.symbols().forEach(s -> names.add(s.name())));
        Random random = new Random(16);
        for (int k = 0; k < 6; k++) {
            Map<String, Double> values = new HashMap<>();
            for (String name : names) {
                // integers make indicators and deltas true now and then; reals in (-2, 2) give signs and fractions
                values.put(name, k < 3 ? 1.0 + random.nextInt(3) : 4 * random.nextDouble() - 2);
            }
            Scope scope = Scope.of(values);
            for (int i = 0; i < read.size(); i++) {
                try {
                    double r = read.get(i).evaluate(scope);
                    double m = meant.get(i).evaluate(scope);
                    if (Double.isNaN(m) ? !Double.isNaN(r) : Math.abs(r - m) > 1e-12 * Math.max(1, Math.abs(m))) {
                        return false;
                    }
                } catch (IllegalArgumentException unknownSymbolOrDerivative) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void theReadingCheckCanFail() {
        // a fragment that reads as something else is told apart, by tree and by value
        Block b = new Block(0, Map.of("reader", List.of("\\max(0, u)"), "means", List.of("u")));
        assertEquals("read", reading(b).kind());
        assertNotEquals("means", reading(new Block(0, Map.of("reader", List.of("\\ln x"),
                "means", List.of("\\frac{\\ln x}{\\ln 2}")))).kind());
        assertEquals("means", reading(new Block(0, Map.of("reader", List.of("\\frac{a}{b}"),
                "means", List.of("a / b")))).kind());
    }
}
