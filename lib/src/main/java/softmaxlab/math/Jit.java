package softmaxlab.math;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Whether HotSpot's optimizing compiler C2 can run in this JVM: the Vector API becomes vector instructions only in
 * C2's code; in the interpreter and in C1's code each vector operation is a Java call, about 100 times slower than
 * the scalar loop it replaces. Read from the JVM's own flags ({@code UseCompiler}, {@code TieredCompilation},
 * {@code TieredStopAtLevel}) through {@link HotSpotDiagnosticMXBean}.
 */
final class Jit {

    /** Tiered compilation's level of C2 code ({@code -XX:TieredStopAtLevel=1} stops at C1 without profiling). */
    private static final int C2_LEVEL = 4;

    private Jit() {
    }

    /**
     * The flag that keeps C2 from running here ({@code "-XX:TieredStopAtLevel=1"}, {@code "-Xint"}), or null where
     * it can run, or where the JVM does not say (no {@code jdk.management}, not HotSpot: HotSpot's default, C2 on,
     * is assumed).
     */
    static String c2Off() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (vm == null) {
                return null;
            }
            if (!Boolean.parseBoolean(vm.getVMOption("UseCompiler").getValue())) {
                return "-Xint";
            }
            // without tiered compilation HotSpot's server VM compiles with C2 alone
            if (Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue())) {
                int level = Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue());
                return level < C2_LEVEL ? "-XX:TieredStopAtLevel=" + level : null;
            }
            return null;
        } catch (RuntimeException | LinkageError unknown) {
            // IllegalArgumentException (no such flag), NumberFormatException, NoClassDefFoundError (no jdk.management)
            return null;
        }
    }
}
