package softmaxlab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The committed ledgers (notebooks/ledger/*.tsv) read, every row has a verdict, and every row's check names a heading
 * of the notebook that follows the document; the notebook run checks the verdicts themselves.
 */
class LedgerFilesTest {

    static final Path NOTEBOOKS = Path.of("../notebooks");
    static final Map<String, String> NOTEBOOK_OF = Map.of(
            "000", "01_binary_softmax_chain_rule.ipynb",
            "002", "02_three_class_gradient_cases.ipynb",
            "003", "03_linear_softmax_classifier.ipynb",
            "004", "04_softmax_layer_in_a_network.ipynb");

    @Test
    void everyRowHasAVerdictAndItsCheckIsAHeadingOfItsNotebook() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : NOTEBOOK_OF.entrySet()) {
            Ledger ledger = Ledger.load(NOTEBOOKS.resolve("ledger/" + e.getKey() + ".tsv"));
            // the notebook's JSON holds each markdown line as a string; a heading line starts with "## "
            String notebook = Files.readString(NOTEBOOKS.resolve(e.getValue()), StandardCharsets.UTF_8);
            for (Ledger.Row row : ledger.rows()) {
                assertTrue(row.id().startsWith(e.getKey() + "-"), row.id());
                if (row.verdict().isEmpty()) {
                    problems.add(row.id() + " has no verdict");
                }
                String heading = "\"## " + row.check().replace("\\", "\\\\");
                if (!row.check().isEmpty() && !notebook.contains(heading)) {
                    problems.add(row.id() + ": no heading \"## " + row.check() + "\" in " + e.getValue());
                }
            }
        }
        assertEquals(List.of(), problems);
    }
}
