package softmaxlab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {

    static final String HEADER = String.join("\t", Ledger.COLUMNS);
    static final double TOL = 1e-12;

    static Ledger ledger(String... rows) {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        lines.addAll(List.of(rows));
        return Ledger.parse("test.tsv", lines);
    }

    static Verdict holding() {
        return NumberClaim.of("softmax([2,3,4])[1]", "0.2447", 0.24472847).check();
    }

    static Verdict failing() {
        return NumberClaim.of("softmax([2,3,4])[0]", "0.0903", 0.09003057).check();
    }

    @Test
    void parsesRowsInOrder() {
        Ledger l = ledger("a\tnumber\t0.2447\tthe second probability\tholds\t\tExample",
                "b\topinion\t非常简单\tvery simple\topinion\t\t");
        assertEquals(List.of("a", "b"), l.rows().stream().map(Ledger.Row::id).toList());
        Ledger.Row a = l.rows().get(0);
        assertEquals(Ledger.Kind.NUMBER, a.kind());
        assertEquals(Optional.of(Ledger.Judgement.HOLDS), a.verdict());
        assertEquals("Example", a.check());
        assertEquals("2 rows: 1 holds, 1 opinion", l.counts());
    }

    @Test
    void agreementVerifies() {
        Ledger l = ledger("a\tnumber\t0.2447\tp2\tholds\t\tExample",
                "b\tnumber\t0.0903\tp1\tfalse\t0.0900\tExample",
                "c\tprose\t图\ta figure\tnot-checkable\t\t");
        l.record("a", holding());
        l.record("b", failing());
        assertTrue(l.problems().isEmpty(), l.problems()::toString);
        assertSame(l, l.verify());
    }

    @Test
    void recordReturnsTheVerdict() {
        Ledger l = ledger("a\tnumber\t0.2447\tp2\tholds\t\tExample");
        Verdict v = holding();
        assertSame(v, l.record("a", v));
        assertEquals(Ledger.Judgement.HOLDS, l.outcome("a").orElseThrow().judgement());
    }

    @Test
    void severalVerdictsHoldOnlyTogether() {
        Ledger l = ledger("a\tnumber\t[0.0903, 0.2447]\tp\tfalse\t[0.0900, 0.2447]\tExample");
        Verdict[] both = {holding(), failing()};
        assertSame(both, l.record("a", both));
        assertEquals(Ledger.Judgement.FALSE, l.outcome("a").orElseThrow().judgement());
        l.record("a", holding(), holding());
        assertEquals(Ledger.Judgement.HOLDS, l.outcome("a").orElseThrow().judgement());
    }

    @Test
    void aDisagreementFails() {
        Ledger l = ledger("a\tnumber\t0.0903\tp1\tholds\t\tExample");
        l.record("a", failing());
        AssertionError e = assertThrows(AssertionError.class, l::verify);
        assertTrue(e.getMessage().contains("a is judged holds by the data, but its check computed false"),
                e.getMessage());
    }

    @Test
    void aRowWithoutVerdictFails() {
        Ledger l = ledger("a\tprose\t简单\tsimple\t\t\t");
        assertEquals("1 row: 1 without a verdict", l.counts());
        AssertionError e = assertThrows(AssertionError.class, l::verify);
        assertTrue(e.getMessage().contains("a has no verdict"), e.getMessage());
    }

    @Test
    void aComputedRowNotRecordedFails() {
        Ledger l = ledger("a\tnumber\t0.2447\tp2\tholds\t\tExample");
        assertEquals(List.of("a (holds) was not recorded by any check"), l.problems());
    }

    @Test
    void aRecordedIdTheDataLacksFails() {
        Ledger l = ledger("a\tnumber\t0.2447\tp2\tholds\t\tExample");
        l.record("a", holding());
        l.record("zz", holding());
        assertEquals(List.of("zz was recorded by a check, but test.tsv has no such row"), l.problems());
    }

    @Test
    void aStatedRowThatACheckRecordsFails() {
        Ledger l = ledger("a\tdefinition\tz = Wx\tthe scores\tdefinition\t\t");
        l.record("a", holding());
        assertTrue(l.problems().get(0).startsWith("a is judged definition by the data, but a check recorded holds"),
                l.problems()::toString);
    }

    @Test
    void falseAndConditionalRowsNeedACorrectionAndAHeading() {
        Ledger l = ledger("a\tnumber\t0.0903\tp1\tfalse\t\t", "b\tprose\tx\ty\tconditional\t\tS");
        l.record("a", failing());
        l.conditional("b", Ledger.same("under", 1, 1, TOL), Ledger.same("outside", 1, 2, TOL));
        assertEquals(List.of("a is false without a corrected statement",
                "a is false without the heading of the cell that checks it",
                "b is conditional without a condition"), l.problems());
    }

    @Test
    void conditionalIsComputedFromBothSides() {
        Ledger l = ledger("a\tprose\tx\ty\tconditional\tonly if N > 1\tS");
        Ledger.Evidence yes = Ledger.same("yes", 1, 1, TOL);
        Ledger.Evidence no = Ledger.same("no", 1, 2, TOL);
        l.conditional("a", yes, no);
        assertEquals(Ledger.Judgement.CONDITIONAL, l.outcome("a").orElseThrow().judgement());
        l.conditional("a", yes, yes);
        assertEquals(Ledger.Judgement.HOLDS, l.outcome("a").orElseThrow().judgement());
        assertFalse(l.problems().isEmpty());
        l.conditional("a", no, no);
        assertEquals(Ledger.Judgement.FALSE, l.outcome("a").orElseThrow().judgement());
        l.conditional("a", holding(), failing());
        assertTrue(l.problems().isEmpty(), l.problems()::toString);
    }

    @Test
    void holdsNeedsEveryPieceOfEvidence() {
        Ledger l = ledger("a\tformula\tx\ty\tholds\t\tS");
        l.holds("a", Ledger.same("one", 1, 1, TOL), Ledger.same("two", 1, 1 + 1e-6, TOL));
        assertEquals(Ledger.Judgement.FALSE, l.outcome("a").orElseThrow().judgement());
        assertTrue(l.outcome("a").orElseThrow().evidence().contains("two: 1.000001 differs from 1.0"),
                l.outcome("a").orElseThrow()::evidence);
        assertFalse(Ledger.same("nan", 1, Double.NaN, TOL).holds());
    }

    @Test
    void runsSaysWorksRaisesOrSilentlyWrong() {
        DMatrixRMaj truth = new DMatrixRMaj(new double[][]{{1, 2}});
        Ledger.Evidence works = Ledger.runs("works", () -> new DMatrixRMaj(new double[][]{{1, 2}}), truth, TOL);
        assertTrue(works.holds());
        assertEquals("works", works.text());
        Ledger.Evidence raises = Ledger.runs("raises", () -> {
            throw new IllegalArgumentException("index 3 is out of bounds for axis 1 with size 2");
        }, truth, TOL);
        assertFalse(raises.holds());
        assertEquals("raises IllegalArgumentException: index 3 is out of bounds for axis 1 with size 2",
                raises.text());
        Ledger.Evidence wrong = Ledger.runs("wrong", () -> new DMatrixRMaj(new double[][]{{1, 2.5}}), truth, TOL);
        assertFalse(wrong.holds());
        assertEquals("silently wrong: entry [0, 1] = 2.5 differs from 2.0 by 0.5; expected at most 1.0E-12",
                wrong.text());
        Ledger.Evidence shape = Ledger.runs("shape", () -> new DMatrixRMaj(2, 2), truth, TOL);
        assertEquals("silently wrong: shape (2, 2) differs from (1, 2)", shape.text());
        assertThrows(IllegalArgumentException.class, () -> Ledger.runs("null", () -> null, truth, TOL));
    }

    @Test
    void exceedsAndRunsCanFail() {
        assertTrue(Ledger.exceeds("a_3 against 1/2", 0.665, 0.5).holds());
        assertEquals("0.367 does not exceed 0.5", Ledger.exceeds("a_3", 0.367, 0.5).text());
        assertFalse(Ledger.exceeds("nan", Double.NaN, 0).holds());
        assertEquals("works", Ledger.runs("ok", () -> { }).text());
        Ledger.Evidence raises = Ledger.runs("refused", () -> {
            throw new IllegalArgumentException("y = 2.5 is not a class");
        });
        assertFalse(raises.holds());
        assertEquals("raises IllegalArgumentException: y = 2.5 is not a class", raises.text());
    }

    @Test
    void recordsAVerdictOfAReportByLabel() {
        ClaimsReport report = new ClaimsReport().add(holding()).add(failing());
        Ledger l = ledger("a\tnumber\t0.0903\tp1\tfalse\t0.0900\tExample");
        assertEquals("0.0903", l.record("a", report, "softmax([2,3,4])[0]")[0].printedLatex());
        assertTrue(l.problems().isEmpty(), l.problems()::toString);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.record("a", report, "p9"));
        assertTrue(e.getMessage().startsWith("labels[0] = \"p9\" names 0 verdicts of the report; expected exactly one"),
                e.getMessage());
    }

    @Test
    void badDataIsNamedByLineAndField() {
        IllegalArgumentException header = assertThrows(IllegalArgumentException.class,
                () -> Ledger.parse("x.tsv", List.of("id\tkind")));
        assertTrue(header.getMessage().startsWith("x.tsv line 1 is \"id\tkind\"; expected the header id<TAB>kind"),
                header.getMessage());
        assertMessage("test.tsv line 2 has 3 fields; expected 7", "a\tprose\tx");
        assertMessage("test.tsv line 2: kind = \"sentence\"; expected one of [formula, number, prose, code, "
                + "definition, opinion, image]", "a\tsentence\tx\ty\tholds\t\tS");
        assertMessage("test.tsv line 2: verdict = \"true\"; expected one of [holds, false, conditional, "
                + "definition, opinion, not-checkable], or blank", "a\tprose\tx\ty\ttrue\t\tS");
        assertMessage("test.tsv line 2: gloss is blank", "a\tprose\tx\t \tholds\t\tS");
        assertMessage("test.tsv line 3: id a repeats", "a\tprose\tx\ty\tholds\t\tS", "a\tprose\tx\ty\tholds\t\tS");
    }

    static void assertMessage(String start, String... rows) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ledger(rows));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    @Test
    void loadsAFileAndNamesAMissingOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("l.tsv");
        Files.writeString(file, HEADER + "\na\tprose\t简单\tsimple\topinion\t\t\n");
        assertEquals("l.tsv", Path.of(Ledger.load(file).name()).getFileName().toString());
        assertEquals("简单", Ledger.load(file.toString()).rows().get(0).quote());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ledger.load(dir.resolve("missing.tsv")));
        assertTrue(e.getMessage().contains("is not a file; expected a ledger's data file"), e.getMessage());
    }
}
