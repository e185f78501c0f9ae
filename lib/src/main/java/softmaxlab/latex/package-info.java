/**
 * A reader for the documents' LaTeX ({@link softmaxlab.latex.Formula}): formulas become expression trees
 * ({@link softmaxlab.latex.Expr}) that are evaluated in a {@link softmaxlab.latex.Scope}, printed back, written out
 * over their sums and differentiated, so that one string is both what is shown and what is computed. Depends only on
 * {@code softmaxlab.math}.
 */
package softmaxlab.latex;
