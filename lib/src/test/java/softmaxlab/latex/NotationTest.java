package softmaxlab.latex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The notation of textbooks and lecture notes (docs/notation.md), each spelling against a plain one written without
 * it, and each construct that reads two ways or not at all refused at its column.
 */
class NotationTest {

    private static final Scope AT = Scope.of(Map.of("z", 0.3, "y", 1.0, "u2", -0.5, "z1", 1.0, "z2", 2.0,
            "z3", 3.0, "x", 0.7, "w", -1.1, "hat{y}", 0.25, "tilde{x}", 4.0)).with("i", 2).with("j", 1);

    private static double value(String latex) {
        return Formula.expression(latex, name -> AT.knows(name)).evaluate(AT);
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource(delimiter = '|', value = {
        "\\text{sigmoid}(z) - y | \\frac{1}{1 + e^{-z}} - y",
        "\\operatorname{sigmoid}(z) | \\sigma(z)",
        "\\mathrm{sigmoid}(z) | \\sigma(z)",
        "\\text{ReLU}(u_2) | \\max(0, u_2)",
        "\\operatorname{ReLU}(x) | \\max(0, x)",
        "\\operatorname{softmax}(z)_i | \\frac{e^{z_2}}{e^{z_1} + e^{z_2} + e^{z_3}}",
        "\\sum_{k=1}^{3} \\operatorname{softmax}(z)_k | 1",
        "\\sigma'(z) | \\sigma(z)(1 - \\sigma(z))",
        "\\tanh'(z) | 1 - \\tanh(z)^2",
        "\\tanh(z) | \\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
        "\\sinh(z) | \\frac{e^{z} - e^{-z}}{2}",
        "\\cosh(z) | \\frac{e^{z} + e^{-z}}{2}",
        "\\exp'(z) | e^{z}",
        "\\ln'(x) | \\frac{1}{x}",
        "\\operatorname{ReLU}'(x) | 1\\{x > 0\\}",
        "\\dfrac{z}{2} | z / 2",
        "\\tfrac{z}{2} | z / 2",
        "\\frac12 z | 0.5 z",
        "\\frac1x | 1 / x",
        "\\log_2 x | \\ln x / \\ln 2",
        "\\log_{10}(x) | \\frac{\\ln(x)}{\\ln(10)}",
        "\\sum_{k \\neq j} z_k | z_2 + z_3",
        "\\sum_{k \\ne i} z_k | z_1 + z_3",
        "\\sum_{k=1, k \\neq j}^{3} z_k | z_2 + z_3",
        "1\\{z > 0\\} | 1",
        "1\\{u_2 > 0\\} | 0",
        "1\\{u_2 \\le -0.5\\} | 1",
        "1\\{u_2 < -0.5\\} | 0",
        "1\\{x \\geq 0.7\\} | 1",
        "\\mathbb{1}\\{i = j\\} | 0",
        "\\mathbf{1}\\{i = 2\\} | 1",
        "\\mathbf{I}\\{i = 2\\} | 1",
        "\\mathbb{I}\\{i = 2\\} | 1",
        "\\mathbb{1}_{i \\neq j} | 1",
        "[i = 2] | 1",
        "[i \\neq 2] + [x] | 0.7",
        "\\delta_{ij} | 0",
        "\\delta_{i2} | 1",
        "\\delta_{i,2} | 1",
        "\\hat{y} + \\tilde{x} | 4.25",
        "\\mathbf{x} + \\boldsymbol{w} + \\vec{x} | 0.3",
        "\\mathrm{w} | w",
        "z_1 + \\cdots + z_3 | 6",
        "z_1 + z_2 + \\ldots + z_3 | 6",
        "e^{z_1} + \\cdots + e^{z_3} | e^{z_1} + e^{z_2} + e^{z_3}",
        "x^\\top w | x w",
        "x^{\\top} w | x w",
        "x^{\\mathsf{T}} w | x w",
        "x^\\intercal w | x w",
        "x^T w | x w",
        "\\begin{aligned} x &+ w \\end{aligned} | x + w",
        "x + w \\quad \\text{应用除法求导法则} | x + w",
    })
    void readsAsThePlainSpelling(String textbook, String plain) {
        double expected = value(plain);
        double actual = value(textbook);
        assertTrue(Math.abs(expected - actual) <= 1e-12 * Math.max(1, Math.abs(expected)),
                () -> textbook + " = " + actual + ", expected " + plain + " = " + expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "\\frac{dL}{dz} | \\frac{\\partial L}{\\partial z}",
        "\\frac{\\mathrm{d}L}{\\mathrm{d}z} | \\frac{\\partial L}{\\partial z}",
        "\\frac{d L}{d z_1} | \\frac{\\partial L}{\\partial z_1}",
        "\\partial L/\\partial z | \\frac{\\partial L}{\\partial z}",
        "\\partial L / \\partial w_{41} | \\frac{\\partial L}{\\partial w_{41}}",
        "\\frac{d}{dz} L | \\frac{\\partial L}{\\partial z}",
        "\\frac{\\partial}{\\partial z} L | \\frac{\\partial L}{\\partial z}",
        "\\frac{\\partial^2 L}{\\partial z^2} | \\frac{\\partial \\frac{\\partial L}{\\partial z}}{\\partial z}",
        "\\frac{d^2 L}{dz^2} | \\frac{\\partial \\frac{\\partial L}{\\partial z}}{\\partial z}",
        "\\frac{\\partial^2 L}{\\partial x \\partial y} | \\frac{\\partial \\frac{\\partial L}{\\partial y}}{\\partial x}",
        "\\frac{dS}{N} | dS / N",
        "\\frac{d_1}{d_2} | d_1 / d_2",
    })
    void derivativesReadAsPartials(String textbook, String plain) {
        assertEquals(Formula.expression(plain), Formula.expression(textbook));
    }

    @ParameterizedTest(name = "{0} refused at column {1}")
    @CsvSource(delimiter = '|', value = {
        "\\sigma(\\mathbf{w}^T\\mathbf{x}/T) | 19 | ^T reads two ways",
        "x^T | 3 | write ^\\top for the transpose",
        "\\text{foo}(z) | 1 | foo is not a function the reader knows",
        "\\operatorname{argmax}(z) | 1 | argmax is not a function the reader knows",
        "softmax(z) | 1 | write \\operatorname{softmax}(z)_i",
        "sigmoid(z) - y | 1 | write \\sigma(z)",
        "\\sigmoid(z) | 1 | \\sigmoid is not read; write \\sigma(z)",
        "\\alpah + 1 | 1 | did you mean \\alpha?",
        "y' | 2 | a prime is read after a function's name",
        "y^\\prime | 2 | a prime is read after a function's name",
        "\\sigma''(z) | 8 | f'' is not read",
        "a \\text{ and } b | 3 | words in \\text{...} are read only as a note",
        "\\text{if } z > 0 | 1 | words in \\text{...}",
        "x > 0 | 3 | > is read inside an indicator",
        "\\sum_{k < j} z_k | 9 | a sum's range reads =, \\neq",
        "\\mathbb{R} | 1 | \\mathbb{R} is not read in a formula",
        "\\operatorname{softmax}(z_1)_i | 24 | an entry softmax(...)_i reads a vector's name",
        "\\begin{bmatrix} 1 \\end{bmatrix} | 1 | the environment bmatrix is not read here",
        "x + \\cdots + y | 14 | are not one formula whose integer subscripts run from p to q",
        "x - \\cdots - y | 5 | expected a + \\cdots + b",
        "x_1 + \\cdots + y_3 | 16 | are not one formula",
        "z_3 + \\cdots + z_1 | 16 | are not one formula",
        "\\frac{\\partial^3 L}{\\partial z^3} | 16 | derivatives of order 1 and 2 are read",
        "\\frac{\\partial^2 L}{\\partial z} | 1 | the numerator has order 2 and the denominator 1",
        "\\log^2 x | 5 | \\log^n and \\log_b are not read",
        "x - \\mathbb{I} | 5 | the identity matrix is I or \\mathbf{I}",
        "(x + w)_{12k} | 8 | an entry (...)_{ij} takes one or two indices",
    })
    void refusedAtItsColumn(String latex, int column, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Formula.expression(latex, name -> AT.knows(name) || name.equals("T")));
        String first = e.getMessage().lines().findFirst().orElseThrow();
        assertTrue(first.contains("column " + column + ":") && first.contains(reason),
                () -> latex + ": " + e.getMessage());
        // the caret stands under that column
        String caret = e.getMessage().lines().reduce((a, b) -> b).orElseThrow();
        assertEquals(column - 1 + 4, caret.indexOf('^'), e::getMessage);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "x^T w | 0.7 * -1.1",
        "x^{T} w | 0.7 * -1.1",
    })
    void transposeWhereTIsNotASymbol(String latex, String product) {
        assertEquals(value(product.replace(" * ", " \\cdot ")), value(latex), 1e-15);
    }

    @org.junit.jupiter.api.Test
    void aPowerOfTheNodeTIsRefusedNotGuessed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Formula.expression("x^T", name -> name.equals("T")));
        assertTrue(e.getMessage().contains("which is a node; write ^\\top for the transpose, or e^{T \\ln x} for "
                + "the power"), e::getMessage);
    }
}
