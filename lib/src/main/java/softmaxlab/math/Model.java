package softmaxlab.math;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.ejml.data.DMatrixRMaj;

/**
 * A classifier with parameter matrices, a batch-mean cross-entropy loss with an L2 penalty on its weights, and
 * analytic gradients of that loss. Lives in {@code math} (not {@code train}) so {@link LinearSoftmax} and
 * {@link TwoLayerNet} implement it directly; {@code softmaxlab.train} updates {@link #parameters()} in place.
 */
public interface Model {

    /**
     * Loss and the gradients of every parameter, in the order of {@link Model#parameters()}, and each sample's
     * predicted class {@code argmax_j S_ij} from the same scores (training records the accuracy from it).
     */
    record Evaluation(double loss, List<DMatrixRMaj> gradients, int[] predicted) {
        public Evaluation {
            Require.finite("loss", loss);
            gradients = Require.noNulls("gradients", gradients);
            Require.nonEmpty("predicted", predicted);
        }
    }

    /** The model's own parameter matrices (not copies), in a fixed order; training modifies them in place. */
    List<DMatrixRMaj> parameters();

    /** Names of {@link #parameters()} in the same order, e.g. {@code W1, b1, W2, b2}. */
    List<String> parameterNames();

    /** Scores {@code S: (N, C)} for inputs {@code X: (N, D)}. Not modified. */
    DMatrixRMaj scores(DMatrixRMaj x);

    /**
     * Batch-mean loss plus penalty, its gradients and the predicted classes, from one forward and backward pass.
     * {@code X: (N, D)}, {@code y: int[N]}. Not modified.
     */
    Evaluation evaluate(DMatrixRMaj x, int[] y, L2 reg);

    /** Loss only; same as {@code evaluate(x, y, reg).loss()}. Not modified. */
    double loss(DMatrixRMaj x, int[] y, L2 reg);

    /** Predicted class of each row, {@code argmax_j S_ij}. Not modified. */
    default int[] predict(DMatrixRMaj x) {
        return Matrices.argmaxRows(scores(x));
    }

    /**
     * The loss as a function of one of this model's parameter matrices, for a finite-difference check that
     * perturbs that matrix's entries in place: {@code f(P) = loss(x, y, reg)} read with the perturbed {@code P}.
     * Passing a matrix that is not one of {@link #parameters()} (e.g. a copy) throws, because the loss would not
     * see the perturbation.
     */
    default ToDoubleFunction<DMatrixRMaj> lossOf(DMatrixRMaj x, int[] y, L2 reg) {
        return p -> {
            if (parameters().stream().noneMatch(q -> q == p)) {
                throw new IllegalArgumentException("parameter " + Matrices.shape(p)
                        + " is not one of this model's parameters " + parameterNames()
                        + "; expected the model's own matrix, which the check perturbs in place");
            }
            return loss(x, y, reg);
        };
    }
}
