package softmaxlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

class HistoryTest {

    @Test
    void anEpochRejectsNonsense() {
        assertMessage("epoch = -1; expected 0 (before training) or more",
                () -> new History.Epoch(-1, 0.5, 0.5, OptionalDouble.empty()));
        assertMessage("loss = NaN; expected a finite number >= 0",
                () -> new History.Epoch(1, Double.NaN, 0.5, OptionalDouble.empty()));
        assertMessage("trainAccuracy = 1.5; expected a share in [0, 1]",
                () -> new History.Epoch(1, 0.5, 1.5, OptionalDouble.empty()));
        assertMessage("validationAccuracy = -0.1; expected a share in [0, 1]",
                () -> new History.Epoch(1, 0.5, 0.5, OptionalDouble.of(-0.1)));
    }

    @Test
    void aHistoryRejectsMissingOrUnorderedEpochs() {
        History.Epoch first = new History.Epoch(0, 1.1, 0.3, OptionalDouble.empty());
        History.Epoch second = new History.Epoch(1, 0.9, 0.5, OptionalDouble.empty());
        assertMessage("epochs[1] is epoch 0 after epoch 1; expected increasing epoch numbers",
                () -> new History(List.of(second, first)));
        assertMessage("epochs[0] is null; expected a value", () -> new History(java.util.Arrays.asList(null, first)));
        assertEquals(0.9, new History(List.of(first, second)).last().loss());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
