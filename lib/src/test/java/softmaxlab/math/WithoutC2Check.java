package softmaxlab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * Run by its own surefire execution ({@code lib/pom.xml}: {@code without-c2}) in a JVM started as softmax-lab's
 * kernels start it, with the Vector API module and {@code -XX:TieredStopAtLevel=1} (C1 only): there the Vector API
 * is ~100 times slower than the scalar loops, so these run.
 */
class WithoutC2Check {

    @Test
    void theScalarPathRunsWhereC2IsOff() {
        assertEquals("-XX:TieredStopAtLevel=1", FusedSoftmax.C2_OFF);
        assertFalse(FusedSoftmax.VECTOR_BY_DEFAULT);
        var random = new java.util.Random(1);
        FusedSoftmax.linear(TestData.randn(random, 16, 64), TestData.randn(random, 64, 10), null, new int[16]);
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("softmax-lab Vector API warm-up")), "no warm-up thread without C2");
        assertEquals("scalar loops: C2 is off in this JVM (-XX:TieredStopAtLevel=1)",
                LinearSoftmax.path().substring(0, LinearSoftmax.path().indexOf(": fused")));
    }
}
