/**
 * softmax-lab: softmax + cross-entropy backpropagation, computed, checked and displayed.
 *
 * <p>Layers, lowest first; a package imports only packages above it in this list:
 * <ol>
 *   <li>{@code softmaxlab.math}: pure functions on EJML {@code DMatrixRMaj}; rows are samples.</li>
 *   <li>{@code softmaxlab.listings}: the documents' code listings translated with numpy's semantics (uses math).</li>
 *   <li>{@code softmaxlab.latex}: a reader for the documents' LaTeX formulas, as expression trees.</li>
 *   <li>{@code softmaxlab.graph}: the scalar chain-rule graph (nodes h1, w21, y1, o1, L), also built from LaTeX.</li>
 *   <li>{@code softmaxlab.check}: finite differences and claims about printed formulas.</li>
 *   <li>{@code softmaxlab.data}: seeded data sets and loaders (may use Tablesaw to read files).</li>
 *   <li>{@code softmaxlab.train}: mini-batch gradient descent and its history.</li>
 *   <li>{@code softmaxlab.view}: Tablesaw tables, XChart charts, LaTeX/HTML/Markdown renderings.</li>
 *   <li>{@code softmaxlab.kernel}: display glue for IJava, JJava and rapaio, detected at run time.</li>
 * </ol>
 *
 * <p>Conventions, said once: we descend on the loss; X is (N, D), W is (D, C), scores S = XW + b are (N, C);
 * the fused gradient is dL/dS = (A - Y) / N for the batch-mean loss.
 */
package softmaxlab;
