package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.reflect.ClassPath;
import dev.chainrule.autograd.check.OpCase;
import dev.chainrule.core.Tensor;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The op table is complete, and it is the only way the library's ops are made. Every check is
 * structural: it walks the table, the {@link Variable} class and recorded graphs, never a count.
 */
class OpTableTest {
  /** Methods of Variable that return variables without being an op (inputs: a node's). */
  private static final Set<String> NOT_OPS =
      Set.of("constant", "parameter", "named", "retainGrad", "detach", "toInPlace", "inputs",
          "requiresGrad");

  /**
   * The op-making files of every module's main code that are not families of the table, each
   * with why what it makes is no library op.
   */
  private static final Map<String, String> OTHER_OP_MAKERS = Map.of(
      "autograd/Op.java", "Op.of and Op.unary themselves: users' ops",
      "autograd/Primitive.java", "a table row bound to its attributes",
      "autograd/ForwardingOp.java", "wraps another op (first order only, say)",
      "autograd/FaultInjection.java", "a mutant of an op, for checking the checks",
      "autograd/DerivativeLinks.java", "links a derivative to its input, passing g on",
      "autograd/OnceDifferentiable.java", "refuses a second derivative, passing values on");

  /** Comments, where "implements the Op" in a sentence would read as code to MAKES_AN_OP. */
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\n]*", Pattern.DOTALL);

  /**
   * What makes an op in a source file (an interface named *Op, as ForwardingOp, is an Op). A
   * type's name is capitalised: "U extends Serializable> U of(..., Fold<U, T> seqOp" (a bound,
   * then a parameter named seqOp, as spark's FixedOrderAggregate first had it) is no op.
   */
  private static final Pattern MAKES_AN_OP = Pattern.compile(String.join("|",
      "\\b(?:implements|extends)\\b[^{;]*\\b(?:[A-Z]\\w*)?Op\\b",  // a type that is one
      "\\bnew\\s+\\w*Op\\s*\\(",  // an op's constructor
      "\\bOp\\s*\\.\\s*(?:of|unary)\\s*\\(",  // Op's factories
      "import\\s+static\\s+dev\\.chainrule\\.autograd\\.Op\\.",  // ... imported
      "\\bPrimitive\\s*\\.\\s*(?:<[^>]*>\\s*)?(?:of|unary)\\s*\\("));  // a row

  /**
   * Every public method of Variable (or static one of Variables) that returns variables is a row,
   * whether it returns one, an array or a collection of them (a split into pieces would return a
   * List), static or not.
   * A row for each name: an overload with its own code path is not told apart from the one the
   * row's spec samples, which this cannot see.
   */
  @Test
  void everyPublicOpOfVariableHasARowAndEveryRowAMethod() {
    Set<String> methods = new TreeSet<>();
    // getMethods: the ops are Variable's own (the static ones) and those of the interfaces by
    // concern it implements (VariableArithmetic, ...).
    for (Method m : Variable.class.getMethods()) {
      if (m.getDeclaringClass() != Object.class && returnsVariables(m.getGenericReturnType())
          && !NOT_OPS.contains(m.getName())) {
        methods.add(m.getName());
      }
    }
    // Variables holds the ops of a list of operands, static where Variable's statics would be
    // callable through an instance; einsum is there only.
    for (Method m : Variables.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) && returnsVariables(m.getGenericReturnType())) {
        methods.add(m.getName());
      }
    }
    Set<String> rows = OpTable.entries().stream().map(OpEntry::name)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(methods, rows, "public op methods of Variable vs rows of the op table");
  }

  /** Variable, Variable[], List<Variable>, Map<String, List<Variable>>, ... */
  private static boolean returnsVariables(Type type) {
    if (type instanceof Class<?> c) {
      return c == Variable.class || c.isArray() && returnsVariables(c.getComponentType());
    }
    if (type instanceof GenericArrayType array) {
      return returnsVariables(array.getGenericComponentType());
    }
    if (type instanceof WildcardType wildcard) {
      return Arrays.stream(wildcard.getUpperBounds()).anyMatch(OpTableTest::returnsVariables);
    }
    return type instanceof ParameterizedType p
        && Arrays.stream(p.getActualTypeArguments()).anyMatch(OpTableTest::returnsVariables);
  }

  /**
   * Ops are made in the table's families and the files of {@link #OTHER_OP_MAKERS} only, in every
   * module: an Op.of in nn, optim or examples, or a class implementing Op there, would be a
   * library op the catalogue never checks, which no scan of autograd's classpath could see. The
   * main sources of every module are read for it instead ({@link #MAKES_AN_OP}).
   */
  @Test
  void opsAreMadeInTheFamiliesAndTheListedFilesOnly() throws IOException {
    Set<String> allowed = new TreeSet<>(OTHER_OP_MAKERS.keySet());
    OpTable.families().forEach(f -> allowed.add("autograd/" + f.getSimpleName() + ".java"));
    Set<String> makers = new TreeSet<>();
    try (var modules = Files.list(Path.of(".."))) {
      for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java")))
          .toList()) {
        try (var sources = Files.walk(module.resolve("src/main/java"))) {
          for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
            if (MAKES_AN_OP.matcher(withoutComments(Files.readString(source))).find()) {
              makers.add(module.getFileName() + "/" + source.getFileName());
            }
          }
        }
      }
    }
    assertTrue(makers.containsAll(OTHER_OP_MAKERS.keySet()), "listed, but makes no op: "
        + OTHER_OP_MAKERS.keySet().stream().filter(f -> !makers.contains(f)).toList());
    makers.removeAll(allowed);
    assertEquals(Set.of(), makers, "files that make ops outside the table's families");
  }

  @Test
  void rowsHaveUniqueNamesAndSpecsOfTheirOwn() {
    List<OpEntry> entries = OpTable.entries();
    assertFalse(entries.isEmpty());
    assertEquals(entries.size(), entries.stream().map(OpEntry::name).distinct().count());
    for (OpEntry entry : entries) {
      assertEquals(entry.name(), entry.spec().name(), "the spec of " + entry.name());
      assertTrue(entry.spec().sample(new SplittableRandom(1)).description()
          .startsWith(entry.name()), "cases are described with the op's name: " + entry.name());
      assertEquals(entry, OpTable.entry(entry.name()).orElseThrow());
    }
  }

  /** The README counts the table's rows; an op added or composed otherwise must update it. */
  @Test
  void theReadmeCountsTheRowsThereAre() throws java.io.IOException {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"))
        .replaceAll("\\s+", " ");
    long composites = OpTable.entries().stream()
        .filter(e -> e.kind() == OpEntry.Kind.COMPOSITE).count();
    long primitives = OpTable.entries().size() - composites;
    // Said in the terms of the fix: "primitives: 66" alone sent an op's author looking for
    // what the number was compared with.
    assertTrue(readme.contains("for the " + primitives + " primitives"), "the table has "
        + primitives + " primitive rows: README.md's 'The op table' section must say \"for the "
        + primitives + " primitives\" (update docs/architecture.md's count too, which no test"
        + " reads)");
    assertTrue(readme.contains("The other " + composites + " ("), "the table has " + composites
        + " composite rows: README.md's 'The op table' section must say \"The other "
        + composites + " (\"");
  }

  /**
   * Every op a row's cases record is itself a row: the public methods are made of table rows
   * only, never of an ad-hoc {@code Op.of}. A primitive's cases record the primitive.
   */
  @Test
  void theLibraryRecordsTableRowsOnly() {
    SplittableRandom random = new SplittableRandom(7);
    for (OpEntry entry : OpTable.entries()) {
      boolean recordedItself = false;
      for (int i = 0; i < 20; i++) {
        OpCase c = entry.spec().sample(random);
        List<Variable> leaves = c.inputs().stream().map(Variable::parameter).toList();
        for (Op op : recordedOps(c.function().apply(leaves))) {
          OpEntry row = op.tableEntry().orElse(null);
          assertTrue(row != null && row.kind() == OpEntry.Kind.PRIMITIVE,
              c.description() + " recorded '" + op.name() + "', which is no primitive row");
          recordedItself |= row == entry;
        }
      }
      assertTrue(entry.kind() == OpEntry.Kind.COMPOSITE || recordedItself,
          "the cases of " + entry.name() + " never apply it");
    }
  }

  /** A row declared outside the families would be missing from the table. */
  @Test
  void rowsLiveInTheListedFamiliesOnly() throws IOException {
    for (ClassPath.ClassInfo info : ClassPath.from(OpTable.class.getClassLoader())
        .getTopLevelClasses(OpTable.class.getPackageName())) {
      Class<?> type = info.load();
      boolean declaresRows = Arrays.stream(type.getDeclaredFields())
          .anyMatch(f -> Modifier.isStatic(f.getModifiers())
              && (f.getType() == Primitive.class || f.getType() == OpEntry.class));
      assertTrue(!declaresRows || OpTable.families().contains(type),
          type.getSimpleName() + " declares op rows but is not a family of the op table");
    }
    for (Class<?> family : OpTable.families()) {
      assertFalse(OpTable.rowsOf(family).isEmpty(), family.getSimpleName() + " has no rows");
    }
  }

  /** The table is its families' rows, primitives and composites (sub, a − b as a + (−b)) alike. */
  @Test
  void theTableIsTheRowsOfItsFamilies() {
    Set<String> rows = new TreeSet<>();
    OpTable.families().forEach(f -> OpTable.rowsOf(f).forEach(row -> rows.add(row.name())));
    assertEquals(OpTable.entries().stream().map(OpEntry::name).toList(), List.copyOf(rows));
    assertTrue(OpTable.rowsOf(ArithmeticOps.class).contains(ArithmeticOps.SUB));
  }

  /**
   * The formula users read is the table's: each row's formula appears in the Javadoc of a public
   * method of Variable with the row's name, in Variable.java or the file of the interface by
   * concern that declares it, or of Variables (einsum).
   */
  @Test
  void eachFormulaIsOnItsPublicMethod() throws IOException {
    Map<String, List<String>> javadocs = new HashMap<>();
    List<Class<?>> sources = new ArrayList<>(List.of(Variable.class));
    sources.addAll(List.of(Variable.class.getInterfaces()));
    sources.add(Variables.class);
    for (Class<?> source : sources) {
      javadocsByMethod(Path.of("src/main/java/dev/chainrule/autograd/" + source.getSimpleName()
          + ".java")).forEach((name, docs) ->
          javadocs.computeIfAbsent(name, k -> new ArrayList<>()).addAll(docs));
    }
    for (OpEntry entry : OpTable.entries()) {
      List<String> docs = javadocs.getOrDefault(entry.name(), List.of());
      assertTrue(docs.stream().anyMatch(doc -> doc.contains(entry.formula())),
          "no Javadoc of Variable." + entry.name() + " contains the row's formula\n  "
              + entry.formula() + "\nJavadocs:\n  " + String.join("\n  ", docs));
    }
  }

  /**
   * Each method's Javadoc by name: the comment right before it, not one across an earlier comment
   * (a class's or a section's), which the lazy match alone would swallow.
   */
  private static Map<String, List<String>> javadocsByMethod(Path source) throws IOException {
    Pattern documented = Pattern.compile(
        "/\\*\\*((?:(?!\\*/).)*?)\\*/\\s*(?:public\\s+(?:static\\s+)?|default\\s+)"
            + "[\\w.<>\\[\\]]+\\s+(\\w+)\\s*\\(",
        Pattern.DOTALL);
    Matcher m = documented.matcher(Files.readString(source));
    Map<String, List<String>> docs = new HashMap<>();
    while (m.find()) {
      String text = m.group(1).replaceAll("(?m)^\\s*\\*", " ").replaceAll("\\s+", " ").trim();
      docs.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(text);
    }
    return docs;
  }

  /** The ops of every node the output was computed through. */
  private static List<Op> recordedOps(Variable output) {
    List<Op> ops = new ArrayList<>();
    Map<Variable, Boolean> seen = new IdentityHashMap<>();
    Deque<Variable> pending = new ArrayDeque<>(List.of(output));
    while (!pending.isEmpty()) {
      Variable v = pending.pop();
      if (seen.put(v, Boolean.TRUE) != null || v.creator() == null) {
        continue;
      }
      ops.add(v.creator().op());
      pending.addAll(v.inputs());
    }
    return Collections.unmodifiableList(ops);
  }

  @Test
  void aRecordedNodeRunsItsRowAgainAtOtherValues() {
    Variable x = Variable.parameter(Tensor.vector(1, 2, 3));
    Variable y = x.sum(0, true);
    Op op = y.creator().op();
    assertEquals("sum([0], keepDims)", op.toString());
    assertEquals(Tensor.vector(15), op.apply(Variable.constant(Tensor.vector(4, 5, 6))).value());
  }

  /** {@code source} with its comments blanked (a comment-like string literal is rare enough). */
  private static String withoutComments(String source) {
    return COMMENT.matcher(source).replaceAll(" ");
  }
}
