package softmaxlab.latex;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import softmaxlab.latex.Expr.Add;
import softmaxlab.latex.Expr.Div;
import softmaxlab.latex.Expr.Fn;
import softmaxlab.latex.Expr.MatrixOp;
import softmaxlab.latex.Expr.Mul;
import softmaxlab.latex.Expr.Neg;
import softmaxlab.latex.Expr.Num;
import softmaxlab.latex.Expr.Partial;
import softmaxlab.latex.Expr.Pow;
import softmaxlab.latex.Expr.Series;
import softmaxlab.latex.Expr.Sym;
import softmaxlab.latex.Expr.Transpose;
import softmaxlab.math.Require;

/**
 * Vector and matrix formulas written out entry by entry, so that {@code W^\top x}, {@code X^\top(A - Y)/N} or
 * {@code \operatorname{diag}(a) - a a^\top} become the scalar formulas of their entries, over the same symbols as the
 * per-component form: entry i of a declared vector x is the symbol {@code x_i} (node x1), entry (i, j) of a matrix W
 * is {@code W_{ij}} (node W12). A shape that does not fit is an IllegalArgumentException naming the part of the
 * formula and both shapes.
 *
 * <p>Layout (as matrixcalculus.org states its own): vectors are columns; {@code \frac{\partial L}{\partial W}} of a
 * scalar L has W's shape (entry (i, j) is dL/dW_{ij}); the Jacobian {@code \frac{\partial a}{\partial z}} of vectors is
 * numerator layout, entry (i, j) = da_i/dz_j, a's length by z's.
 */
public final class Shapes {

    /** The largest size of a declared vector or matrix side: entry names W_{ij} hold one digit per index. */
    public static final int MAX_SIZE = 9;

    /** A shape, rows by columns; a column vector has one column, a number is 1 x 1. */
    public record Shape(int rows, int cols) {

        public Shape {
            if (rows < 1 || cols < 1 || rows > MAX_SIZE || cols > MAX_SIZE) {
                throw new IllegalArgumentException(rows + "x" + cols + "; expected 1 to " + MAX_SIZE
                        + " rows and columns (Shapes.MAX_SIZE)");
            }
        }

        /** 1 x 1. */
        public static final Shape SCALAR = new Shape(1, 1);

        boolean isScalar() {
            return rows == 1 && cols == 1;
        }

        boolean isVector() {
            return rows == 1 || cols == 1;
        }

        Shape transposed() {
            return new Shape(cols, rows);
        }

        @Override
        public String toString() {
            return rows + "\u00d7" + cols;
        }
    }

    /** The declared shape of a symbol's name (a symbol without subscript or label), or empty for a number. */
    public interface Declared {
        Optional<Shape> shape(String name);
    }

    private final Declared declared;
    private final Scope scope;

    private Shapes(Declared declared, Scope scope) {
        this.declared = declared;
        this.scope = scope;
    }

    /** True when {@code e} has a declared vector or matrix in it, or an operation only shapes give meaning. */
    public static boolean hasShapes(Expr e, Declared declared) {
        return hasShapes(e, declared, Scope.EMPTY);
    }

    /** {@link #hasShapes(Expr, Declared)} with the indices bound in {@code scope} ({@code \\mathrm{w}^{(j)}}, j = 2). */
    public static boolean hasShapes(Expr e, Declared declared, Scope scope) {
        Require.notNull("e", e);
        Require.notNull("declared", declared);
        Require.notNull("scope", scope);
        if (e instanceof MatrixOp || e instanceof Sym s && declaredShape(s, declared, scope).isPresent()) {
            return true;
        }
        if (e instanceof Partial p) {
            return hasShapes(p.of(), declared, scope) || declaredShape(p.wrt(), declared, scope).isPresent();
        }
        if (e instanceof Series s && !s.body().symbols().stream().allMatch(x -> x.label().isEmpty())) {
            // \\sum_n x^{(n)} ...: the labels name vectors only once the index has a value
            return s.values(scope).stream().anyMatch(v -> hasShapes(s.body(), declared, scope.with(s.index(), v)));
        }
        return e.children().stream().anyMatch(c -> hasShapes(c, declared, scope));
    }

    /**
     * The entries of {@code e}, rows of columns of scalar formulas; a formula without shapes is its own single
     * entry.
     *
     * @throws IllegalArgumentException naming the part whose shapes do not fit, and the shapes
     */
    public static Expr[][] entries(Expr e, Declared declared) {
        return entries(e, declared, Scope.EMPTY);
    }

    /**
     * {@link #entries(Expr, Declared)} with the indices bound in {@code scope}: {@code \\mathrm{w}^{(j)}} with j = 2 is
     * the vector w^{(2)}, its entries the symbols {@code \\mathrm{w}^{(2)}_d}.
     */
    public static Expr[][] entries(Expr e, Declared declared, Scope scope) {
        if (!hasShapes(e, declared, scope)) {
            return new Expr[][] {{e}};
        }
        return closed(new Shapes(declared, scope).lower(e), e);
    }

    /** The shape of {@code e}'s entries. */
    public static Shape shape(Expr[][] entries) {
        return new Shape(entries.length, entries[0].length);
    }

    private static Optional<Shape> declaredShape(Sym s, Declared declared, Scope scope) {
        return declared.shape(s.name(scope));
    }

    /**
     * Entry (i, j) (1-based) of a declared symbol: x_i of a vector, W_{ij} of a matrix; of a symbol with a subscript,
     * such as the layer's W_1, the subscript, a comma and the indices: W_{1,12}.
     */
    public static Sym entry(Sym s, Shape shape, int i, int j) {
        String index = shape.cols() == 1 ? String.valueOf(i) : shape.rows() == 1 ? String.valueOf(j) : "" + i + j;
        return new Sym(s.base(), s.sub().isEmpty() ? index : s.sub() + "," + index, s.label());
    }

    // ---- lowering -------------------------------------------------------------------------------------------------

    /**
     * Entries, or the vector of ones whose length its neighbours tell, or ({@code repeated}) one row that stands for
     * as many equal rows as the sum it is in needs: {@code \mathbf{1} b^\top} beside {@code XW} (with {@code row};
     * without it one column standing for equal columns, {@code a \mathbf{1}^\top}); or ({@code identity})
     * c I, its size told by its neighbours, its one entry c.
     */
    private record Lowered(Expr[][] entries, boolean openOnes, boolean row, boolean repeated, boolean identity) {

        Lowered(Expr[][] entries, boolean openOnes, boolean row) {
            this(entries, openOnes, row, false, false);
        }

        static Lowered of(Expr[][] entries) {
            return new Lowered(entries, false, false, false, false);
        }

        static Lowered identity(Expr scale) {
            return new Lowered(new Expr[][] {{scale}}, false, false, false, true);
        }

        boolean open() {
            return openOnes || identity;
        }

        Shape shape() {
            return new Shape(entries.length, entries[0].length);
        }
    }

    private static IllegalArgumentException misfit(Expr where, String why) {
        return new IllegalArgumentException("the shapes in " + where.toLatex() + " do not fit: " + why);
    }

    private Lowered lower(Expr e) {
        if (e instanceof Sym s) {
            Optional<Shape> shape = declaredShape(s, declared, scope);
            if (shape.isEmpty()) {
                return Lowered.of(new Expr[][] {{s}});
            }
            Shape sh = shape.get();
            Sym bound = s.expand(scope) instanceof Sym b ? b : s;
            return Lowered.of(fill(sh, (i, j) -> entry(bound, sh, i + 1, j + 1)));
        }
        if (e instanceof Transpose t) {
            Lowered inner = lower(t.arg());
            if (inner.identity()) {
                return inner;
            }
            if (inner.repeated()) {
                Expr[][] a = inner.entries();
                return new Lowered(fill(inner.shape().transposed(), (i, j) -> a[j][i]), false, !inner.row(), true,
                        false);
            }
            if (inner.openOnes()) {
                return new Lowered(inner.entries(), true, !inner.row());
            }
            Expr[][] a = inner.entries();
            return Lowered.of(fill(inner.shape().transposed(), (i, j) -> a[j][i]));
        }
        if (e instanceof Neg n) {
            // -I, -\mathbf{1} b^\top: negated entries, the size still to be told
            Lowered inner = lower(n.arg());
            return new Lowered(map(inner.entries(), Neg::new), inner.openOnes(), inner.row(), inner.repeated(),
                    inner.identity());
        }
        if (e instanceof Add add) {
            return sum(add);
        }
        if (e instanceof Mul m) {
            return product(m);
        }
        if (e instanceof Div d) {
            Expr[][] num = closed(lower(d.num()), e);
            Expr den = scalar(d.den(), e, "a denominator");
            return Lowered.of(map(num, x -> new Div(x, den)));
        }
        if (e instanceof Pow p) {
            return Lowered.of(new Expr[][] {{new Pow(scalar(p.base(), e, "a power's base"),
                    scalar(p.exponent(), e, "an exponent"))}});
        }
        if (e instanceof Fn f) {
            // entrywise; \max(0, x) with a number beside a vector is the number at every entry
            List<Expr[][]> args = new ArrayList<>();
            Shape shape = Shape.SCALAR;
            for (Expr a : f.args()) {
                Expr[][] x = closed(lower(a), e);
                args.add(x);
                Shape s = shape(x);
                if (!s.isScalar()) {
                    if (!shape.isScalar() && !shape.equals(s)) {
                        throw misfit(e, "its arguments are " + shape + " and " + s);
                    }
                    shape = s;
                }
            }
            return Lowered.of(fill(shape, (i, j) -> new Fn(f.name(),
                    args.stream().map(x -> x.length == 1 && x[0].length == 1 ? x[0][0] : x[i][j]).toList())));
        }
        if (e instanceof MatrixOp op) {
            return operation(op);
        }
        if (e instanceof Expr.Indicator ind && hasShapes(ind, declared, scope)) {
            // entrywise, a number beside a matrix compared at every entry: the mask 1\{U > 0\}
            Expr[][] l = closed(lower(ind.left()), e);
            Expr[][] r = closed(lower(ind.right()), e);
            Shape sl = shape(l);
            Shape sr = shape(r);
            if (!sl.isScalar() && !sr.isScalar() && !sl.equals(sr)) {
                throw misfit(e, "an indicator compares " + sl + " with " + sr);
            }
            Shape shape = sl.isScalar() ? sr : sl;
            return Lowered.of(fill(shape, (i, j) -> new Expr.Indicator(sl.isScalar() ? l[0][0] : l[i][j],
                    ind.relation(), sr.isScalar() ? r[0][0] : r[i][j])));
        }
        if (e instanceof Partial p) {
            return Lowered.of(derivative(p));
        }
        if (e instanceof Series s && hasShapes(s, declared, scope)) {
            // each term at its index value, of one shape: \\sum_k e^{{w^{(k)}}^T x}, \\sum_n x^{(n)}(a^{(n)} - y^{(n)})^\\top
            List<Expr[][]> terms = new ArrayList<>();
            for (int v : s.values(scope)) {
                Scope at = scope.with(s.index(), v);
                Expr[][] term = closed(new Shapes(declared, at).lower(s.body()), e);
                if (!terms.isEmpty() && !shape(term).equals(shape(terms.get(0)))) {
                    throw misfit(e, "a \\sum's terms must have one shape; at " + s.index() + " = " + v + " "
                            + s.body().toLatex() + " is " + shape(term) + ", before it " + shape(terms.get(0)));
                }
                terms.add(map(term, x -> x.expand(at)));
            }
            if (terms.isEmpty()) {
                return Lowered.of(new Expr[][] {{Expr.ZERO}});
            }
            return Lowered.of(fill(shape(terms.get(0)), (i, j) -> terms.size() == 1 ? terms.get(0)[i][j]
                    : new Add(terms.stream().map(t -> t[i][j]).toList())));
        }
        // numbers, sums, indicators: scalars
        return Lowered.of(new Expr[][] {{e}});
    }

    // equal shapes, term by term; a repeated row takes the rows of the other terms
    private Lowered sum(Add add) {
        List<Lowered> terms = new ArrayList<>();
        Shape shape = null;
        for (Expr t : add.terms()) {
            Lowered x = lower(t);
            terms.add(x);
            if (!x.repeated() && !x.open()) {
                if (shape != null && !shape.equals(x.shape())) {
                    throw misfit(add, "a sum of " + shape + " and " + x.shape() + " (" + t.toLatex() + ")");
                }
                shape = x.shape();
            }
        }
        Optional<Lowered> repeated = terms.stream().filter(Lowered::repeated).findFirst();
        if (shape == null && repeated.isPresent() && terms.stream().anyMatch(Lowered::identity)) {
            // I - \mathbf{1} a^\top: the identity is square, as wide as the rows (as tall as the columns)
            Lowered r = repeated.get();
            int n = r.row() ? r.shape().cols() : r.shape().rows();
            shape = new Shape(n, n);
        }
        if (shape == null) {
            throw misfit(add, "the number of rows of \\mathbf{1} or the size of I is told by the other terms of its "
                    + "sum, and no term here has rows; write \\mathbf{1}_{n} or I_{n}");
        }
        Shape total = shape;
        if (terms.stream().anyMatch(Lowered::identity) && total.rows() != total.cols()) {
            throw misfit(add, "a sum of " + total + " and the identity I, which is square");
        }
        for (int k = 0; k < terms.size(); k++) {
            Lowered r = terms.get(k);
            if (r.repeated() && (r.row() ? r.shape().cols() != total.cols() : r.shape().rows() != total.rows())) {
                throw misfit(add, "a sum of " + total + " and " + (r.row() ? "rows of " + r.shape().cols()
                        : "columns of " + r.shape().rows()) + " (" + add.terms().get(k).toLatex() + ")");
            }
        }
        for (int k = 0; k < terms.size(); k++) {
            if (terms.get(k).openOnes() && (terms.get(k).row() ? total.rows() : total.cols()) != 1) {
                throw misfit(add, "a sum of " + total + " and a vector of ones ("
                        + add.terms().get(k).toLatex() + ")");
            }
        }
        // \mathbf{1} in a sum of vectors: as long as they are, each entry its (scaled) one
        return Lowered.of(fill(total, (i, j) -> new Add(terms.stream()
                .map(x -> x.identity() ? (i == j ? x.entries()[0][0] : Expr.ZERO) : x.openOnes() ? x.entries()[0][0]
                        : x.repeated() ? (x.row() ? x.entries()[0][j] : x.entries()[i][0]) : x.entries()[i][j])
                .toList())));
    }

    // products left to right: numbers scale, matrices multiply; \mathbf{1} takes the length its neighbour needs, and
    // a column of ones times a row, with nothing to tell the length, is that row repeated (a column times a row of
    // ones, that column)
    private Lowered product(Mul m) {
        List<Lowered> factors = m.factors().stream().map(this::lower).toList();
        List<Lowered> open = factors.stream().filter(Lowered::open).toList();
        if (open.size() == 1 && factors.stream().allMatch(f -> f.open() || !f.repeated() && f.shape().isScalar())) {
            // c \mathbf{1} or c I: of a size still to be told, each entry (of the diagonal) c
            List<Expr> numbers = factors.stream().map(f -> f.entries()[0][0]).toList();
            Expr c = numbers.size() == 1 ? numbers.get(0) : new Mul(numbers);
            return open.get(0).identity() ? Lowered.identity(c)
                    : new Lowered(new Expr[][] {{c}}, true, open.get(0).row());
        }
        Expr[][] acc = null;
        boolean repeated = false;
        boolean columns = false;
        String accLatex = "";
        for (int k = 0; k < factors.size(); k++) {
            Lowered f = factors.get(k);
            Lowered next = k + 1 < factors.size() ? factors.get(k + 1) : null;
            String latex = m.factors().get(k).toLatex();
            if (f.openOnes() && !f.row() && acc == null && next != null && !next.open()
                    && next.shape().rows() == 1) {
                // 1 b^T: b^T on every row
                repeated = true;
                accLatex = latex;
                continue;
            }
            if (f.openOnes() && f.row() && next == null && acc != null && shape(acc).cols() == 1
                    && !shape(acc).isScalar() && !repeated) {
                // a 1^T: a on every column
                columns = true;
                continue;
            }
            if (f.repeated()) {
                throw misfit(m, "the rows of " + latex + " are told by the sum it is in; write it as a term");
            }
            Expr[][] x = f.identity() ? identity(f, acc, next, m) : f.openOnes() ? ones(f, acc, next, m)
                    : f.entries();
            if (acc == null) {
                acc = x;
            } else {
                acc = multiply(acc, x, m, accLatex, latex);
            }
            accLatex = accLatex.isEmpty() ? latex : accLatex + " " + latex;
        }
        if (acc == null) {
            throw misfit(m, "a product of ones alone");
        }
        if (repeated && acc.length != 1) {
            throw misfit(m, "\\mathbf{1} times " + shape(acc) + "; expected a row after \\mathbf{1}");
        }
        return new Lowered(acc, false, repeated, repeated || columns, false);
    }

    private static Expr[][] multiply(Expr[][] a, Expr[][] b, Expr where, String left, String right) {
        Shape sa = shape(a);
        Shape sb = shape(b);
        if (sa.isScalar() || sb.isScalar()) {
            Expr[][] big = sa.isScalar() ? b : a;
            Expr number = sa.isScalar() ? a[0][0] : b[0][0];
            boolean numberFirst = sa.isScalar();
            return map(big, x -> new Mul(numberFirst ? List.of(number, x) : List.of(x, number)));
        }
        if (sa.cols() != sb.rows()) {
            String hint = sa.rows() == sb.rows() ? "; the transpose of " + left + " would fit" : sa.cols() == sb.cols()
                    ? "; the transpose of " + right + " would fit" : "";
            throw misfit(where, left + " is " + sa + " and " + right + " is " + sb + ": a product needs "
                    + sa.cols() + " = " + sb.rows() + hint);
        }
        return fill(new Shape(sa.rows(), sb.cols()), (i, j) -> {
            List<Expr> terms = new ArrayList<>();
            for (int k = 0; k < sa.cols(); k++) {
                terms.add(new Mul(List.of(a[i][k], b[k][j])));
            }
            return terms.size() == 1 ? terms.get(0) : new Add(terms);
        });
    }

    // \mathbf{1} beside a matrix: a row 1^T before it has as many entries as its rows, a column after it as its columns
    private static Expr[][] ones(Lowered ones, Expr[][] left, Lowered right, Expr where) {
        int n;
        if (ones.row() && right != null && !right.open()) {
            n = right.shape().rows();
        } else if (!ones.row() && left != null && !shape(left).isScalar()) {
            n = shape(left).cols();
        } else {
            throw misfit(where, "the length of \\mathbf{1} is told by the matrix it multiplies (\\mathbf{1}^\\top A, "
                    + "A \\mathbf{1}); write \\mathbf{1}_{n} elsewhere");
        }
        return fill(ones.row() ? new Shape(1, n) : new Shape(n, 1), (i, j) -> Expr.ONE);
    }

    // c I beside a matrix: as many rows as the columns before it, else as the rows after it
    private static Expr[][] identity(Lowered identity, Expr[][] left, Lowered right, Expr where) {
        int n;
        if (left != null && !shape(left).isScalar()) {
            n = shape(left).cols();
        } else if (right != null && !right.open() && !right.repeated()) {
            n = right.shape().rows();
        } else {
            throw misfit(where, "the size of I is told by the matrix it multiplies or is added to; write I_{n}");
        }
        Expr c = identity.entries()[0][0];
        return fill(new Shape(n, n), (i, j) -> i == j ? c : Expr.ZERO);
    }

    private Lowered operation(MatrixOp op) {
        switch (op.op()) {
            case "ones" -> {
                if (op.args().isEmpty()) {
                    return new Lowered(new Expr[][] {{Expr.ONE}}, true, false);
                }
                int n = Print.integer(op.args().get(0).evaluate(Scope.EMPTY), "the length of \\mathbf{1}_{n}");
                return Lowered.of(fill(new Shape(n, 1), (i, j) -> Expr.ONE));
            }
            case "entry" -> {
                Expr[][] a = closed(lower(op.args().get(0)), op);
                Shape shape = shape(a);
                List<Integer> at = new ArrayList<>();
                for (Expr index : op.args().subList(1, op.args().size())) {
                    if (index instanceof Sym k && !k.isIndex(scope)) {
                        throw misfit(op, "the index " + k.toLatex() + " has no value here; check the claim for each "
                                + k.toLatex() + " (over: " + k.toLatex() + " = 1..n in a derivation cell, Check.over)");
                    }
                    at.add(Print.integer(index.evaluate(scope), "an entry's index"));
                }
                // one index of a vector, two of a matrix
                int i = at.get(0);
                int j = at.size() == 2 ? at.get(1) : 1;
                if (at.size() == 1 && shape.rows() == 1) {
                    j = i;
                    i = 1;
                }
                if (at.size() == 1 && !shape.isVector() || i < 1 || j < 1 || i > shape.rows() || j > shape.cols()) {
                    throw misfit(op, "entry " + at + " of a " + shape + (shape.isVector() ? " vector" : " matrix")
                            + "; expected " + (shape.isVector() ? "1 to " + Math.max(shape.rows(), shape.cols())
                            : "(1 to " + shape.rows() + ", 1 to " + shape.cols() + ")"));
                }
                return Lowered.of(new Expr[][] {{a[i - 1][j - 1]}});
            }
            case "max" -> {
                List<Expr> v = flat(closed(lower(op.args().get(0)), op));
                return Lowered.of(new Expr[][] {{v.size() == 1 ? v.get(0) : new Fn("max", v)}});
            }
            case "identity" -> {
                if (op.args().isEmpty()) {
                    return Lowered.identity(Expr.ONE);
                }
                int n = Print.integer(op.args().get(0).evaluate(Scope.EMPTY), "the size of I_{n}");
                return Lowered.of(fill(new Shape(n, n), (i, j) -> i == j ? Expr.ONE : Expr.ZERO));
            }
            case "columns" -> {
                // [w^{(1)}, ..., w^{(C)}]: columns side by side
                List<Expr[][]> columns = op.args().stream().map(a -> closed(lower(a), op)).toList();
                Shape first = shape(columns.get(0));
                for (Expr[][] c : columns) {
                    if (shape(c).cols() != 1 || shape(c).rows() != first.rows()) {
                        throw misfit(op, "columns side by side must be vectors of one length; they are "
                                + columns.stream().map(x -> shape(x).toString()).toList());
                    }
                }
                return Lowered.of(fill(new Shape(first.rows(), columns.size()), (i, j) -> columns.get(j)[i][0]));
            }
            case "odot" -> {
                Expr[][] a = closed(lower(op.args().get(0)), op);
                Expr[][] b = closed(lower(op.args().get(1)), op);
                if (!shape(a).equals(shape(b))) {
                    throw misfit(op, "an entrywise product \\odot needs equal shapes; they are " + shape(a)
                            + " and " + shape(b));
                }
                return Lowered.of(fill(shape(a), (i, j) -> new Mul(List.of(a[i][j], b[i][j]))));
            }
            case "norm" -> {
                Expr[][] a = closed(lower(op.args().get(0)), op);
                List<Expr> squares = new ArrayList<>();
                for (Expr[] row : a) {
                    for (Expr x : row) {
                        squares.add(new Pow(x, Num.of(2)));
                    }
                }
                Expr sum = squares.size() == 1 ? squares.get(0) : new Add(squares);
                return Lowered.of(new Expr[][] {{new Fn("sqrt", List.of(sum))}});
            }
            case "diag" -> {
                Expr[][] a = closed(lower(op.args().get(0)), op);
                if (!shape(a).isVector()) {
                    throw misfit(op, "\\operatorname{diag} takes a vector; it is " + shape(a));
                }
                List<Expr> v = flat(a);
                return Lowered.of(fill(new Shape(v.size(), v.size()), (i, j) -> i == j ? v.get(i) : Expr.ZERO));
            }
            case "tr" -> {
                Expr[][] a = closed(lower(op.args().get(0)), op);
                if (a.length != a[0].length) {
                    throw misfit(op, "a trace needs a square matrix; it is " + shape(a));
                }
                List<Expr> diagonal = new ArrayList<>();
                for (int i = 0; i < a.length; i++) {
                    diagonal.add(a[i][i]);
                }
                return Lowered.of(new Expr[][] {{diagonal.size() == 1 ? diagonal.get(0) : new Add(diagonal)}});
            }
            default -> {
                // softmax of a column vector, or of each row of a matrix (rows are samples)
                Expr[][] a = closed(lower(op.args().get(0)), op);
                boolean column = a[0].length == 1;
                return Lowered.of(fill(shape(a), (i, j) -> {
                    List<Expr> exps = new ArrayList<>();
                    int n = column ? a.length : a[0].length;
                    for (int k = 0; k < n; k++) {
                        exps.add(new Fn("exp", List.of(column ? a[k][0] : a[i][k])));
                    }
                    return new Div(new Fn("exp", List.of(a[i][j])), exps.size() == 1 ? exps.get(0) : new Add(exps));
                }));
            }
        }
    }

    // d of / d wrt: the gradient of a scalar has wrt's shape; of a vector by a vector, the Jacobian da_i/dz_j
    private Expr[][] derivative(Partial p) {
        Expr[][] of = closed(lower(p.of()), p);
        Optional<Shape> declaredWrt = declaredShape(p.wrt(), declared, scope);
        Shape wrt = declaredWrt.orElse(Shape.SCALAR);
        Expr[][] by = declaredWrt.isPresent() ? lower(p.wrt()).entries() : new Expr[][] {{p.wrt()}};
        Shape sof = shape(of);
        if (sof.isScalar()) {
            return fill(wrt, (i, j) -> new Partial(of[0][0], (Sym) by[i][j]));
        }
        if (wrt.isScalar()) {
            return fill(sof, (i, j) -> new Partial(of[i][j], p.wrt()));
        }
        if (sof.isVector() && wrt.isVector()) {
            List<Expr> a = flat(of);
            List<Expr> z = flat(by);
            return fill(new Shape(a.size(), z.size()), (i, j) -> new Partial(a.get(i), (Sym) z.get(j)));
        }
        throw misfit(p, "a derivative of a " + sof + " matrix by a " + wrt + " matrix has four indices; write it for "
                + "one entry, or of a scalar");
    }

    private Expr scalar(Expr e, Expr where, String what) {
        Expr[][] x = closed(lower(e), where);
        if (!shape(x).isScalar()) {
            throw misfit(where, what + " must be a number, and " + e.toLatex() + " is " + shape(x));
        }
        return x[0][0];
    }

    private static Expr[][] closed(Lowered l, Expr where) {
        if (l.repeated()) {
            throw misfit(where, "the number of rows of \\mathbf{1} is told only by the other terms of a sum; "
                    + "write \\mathbf{1}_{n} here");
        }
        if (l.openOnes()) {
            throw misfit(where, "the length of \\mathbf{1} is told only by a matrix it multiplies; write "
                    + "\\mathbf{1}_{n} here");
        }
        if (l.identity()) {
            throw misfit(where, "the size of I is told only by a matrix it multiplies or is added to; write I_{n} "
                    + "here");
        }
        return l.entries();
    }

    private static List<Expr> flat(Expr[][] a) {
        List<Expr> out = new ArrayList<>();
        for (Expr[] row : a) {
            out.addAll(List.of(row));
        }
        return out;
    }

    private interface EntryFunction {
        Expr at(int i, int j);
    }

    private static Expr[][] fill(Shape shape, EntryFunction f) {
        Expr[][] out = new Expr[shape.rows()][shape.cols()];
        for (int i = 0; i < shape.rows(); i++) {
            for (int j = 0; j < shape.cols(); j++) {
                out[i][j] = f.at(i, j);
            }
        }
        return out;
    }

    private static Expr[][] map(Expr[][] a, java.util.function.UnaryOperator<Expr> f) {
        return fill(shape(a), (i, j) -> f.apply(a[i][j]));
    }
}
