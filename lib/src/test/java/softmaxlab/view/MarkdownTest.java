package softmaxlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void mathIsInlineAndEmptyStaysEmpty() {
        assertEquals("$a_4(1-a_4)$", Markdown.math("a_4(1-a_4)"));
        assertEquals("", Markdown.math(""));
    }

    @Test
    void alignBlockKeepsItsLinesOnOneMarkdownLine() {
        // document 002's align body, quoted with its line break
        String quoted = "\\frac{\\partial a_4}{\\partial z_4} &= x \\\\\n&= a_4(1-a_4)";
        assertEquals("$\\begin{aligned}\\frac{\\partial a_4}{\\partial z_4} &= x \\\\ &= a_4(1-a_4)\\end{aligned}$",
                Markdown.math(quoted));
    }

    @Test
    void lineBreaksOfTheSourceBecomeSpaces() {
        assertEquals("$a = b + c$", Markdown.math("a = b\n+ c"));
    }
}
