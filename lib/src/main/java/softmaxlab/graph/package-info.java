/**
 * The scalar chain-rule graph at the documents' granularity: nodes named as the documents name them (h1, w21, y1, o1,
 * L; o1, w41, z4, a4, Loss), edges carrying their local partials as symbol, formula and value, backpropagation
 * (micrograd's shape), the chain rule written out path by path ({@link softmaxlab.graph.Expansion}), and central
 * differences to check both.
 */
package softmaxlab.graph;
