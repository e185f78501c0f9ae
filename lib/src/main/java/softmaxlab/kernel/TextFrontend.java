package softmaxlab.kernel;

import java.io.PrintStream;

import softmaxlab.view.MimeBundle;
import softmaxlab.view.Renderers;

/** Outside a kernel (tests, jshell, a plain JVM): {@code text/plain} to a print stream; no updates in place. */
final class TextFrontend implements Frontend {

    private final PrintStream out;

    TextFrontend(PrintStream out) {
        this.out = out;
    }

    @Override
    public String name() {
        return "text";
    }

    @Override
    public void install(Renderers renderers) {
        // nothing to register: text is what String.valueOf and the bundles' text/plain already give
    }

    @Override
    public String display(MimeBundle bundle) {
        out.println(bundle.text());
        return "text";
    }

    /** Text printed cannot be replaced: the new state is printed below it. */
    @Override
    public void updateDisplay(String id, MimeBundle bundle) {
        out.println(bundle.text());
    }

    @Override
    public boolean updatesInPlace() {
        return false;
    }
}
