/**
 * Checks: finite-difference gradient checks ({@link softmaxlab.check.GradientCheck}) and claims about the formulas and
 * numbers the documents print. No tables, charts or kernels here: the view layer renders the plain records these return.
 */
package softmaxlab.check;
