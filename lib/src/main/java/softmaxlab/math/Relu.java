package softmaxlab.math;

import org.ejml.data.DMatrixRMaj;

/** Rectified linear unit, element-wise: {@code relu(z) = max(0, z)}, {@code d relu/dz = [z > 0]}. */
public final class Relu {

    private Relu() {
    }

    /**
     * {@code H = max(0, Z)} element-wise, same shape as {@code Z}.
     *
     * @param z pre-activations {@code (N, H)}, finite. Not modified.
     */
    public static DMatrixRMaj forward(DMatrixRMaj z) {
        Require.batch("Z", z);
        DMatrixRMaj h = new DMatrixRMaj(z.numRows, z.numCols);
        for (int k = 0; k < h.getNumElements(); k++) {
            // h = max(0, z)
            h.data[k] = Math.max(0.0, z.data[k]);
        }
        return h;
    }

    /**
     * {@code dZ = dH * [Z > 0]} element-wise (the derivative at 0 is taken as 0).
     *
     * @param z  pre-activations {@code (N, H)} that went into {@link #forward}. Not modified.
     * @param dH upstream gradient {@code dL/dH}, same shape as {@code Z}. Not modified.
     */
    public static DMatrixRMaj backward(DMatrixRMaj z, DMatrixRMaj dH) {
        Require.batch("Z", z);
        Require.finite("dH", Require.shape("dH", dH, z.numRows, z.numCols, "to match Z: " + Matrices.shape(z)));
        DMatrixRMaj dZ = new DMatrixRMaj(z.numRows, z.numCols);
        for (int k = 0; k < dZ.getNumElements(); k++) {
            // dz = dh [z > 0]
            dZ.data[k] = z.data[k] > 0 ? dH.data[k] : 0.0;
        }
        return dZ;
    }
}
