package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A model's layers in a table, as Keras' {@code summary()} and torchinfo print them: each module
 * of the tree (indented by depth) with its output shape for one input shape and the parameters it
 * holds itself, then the totals and the mode. Made by {@link Module#summary(Shape)}, which runs one
 * forward pass on zeros in evaluation mode without recording a graph. Output shapes come from the
 * modules that were run through {@link Module#call}, as the built-in containers run their
 * children; a module run otherwise (a custom module calling {@code forward} on a child) shows "-".
 * A module placed in the tree more than once (a layer used twice in a {@code Sequential}) shows at
 * each place the output of the call made there, and its parameters at its first place only, the
 * later places marked "(shared)"; a parameter that two modules hold (a layer made with {@link
 * Dense#sharing} from an earlier layer's weight, an output projection tied to an {@link
 * Embedding}'s table) is counted at the first row that holds it, and the later rows show it
 * apart, {@code (20 shared)} or {@code 4 (+16 shared)}: the counts outside the parentheses sum to
 * the total, which counts every parameter once. A module called more often than it is placed (a
 * custom module calling one child twice) lists every output shape it made. A pass that fails is
 * refused naming the layer that failed, its place and its input, with the rows up to it, in the
 * failure's own class (see {@link Module#summary(Shape)}).
 *
 * @param input the input's shape, batch axis included
 * @param rows the modules, the model itself first
 * @param parameters the model's parameter scalars, frozen ones included
 * @param frozen those of them in frozen parameters ({@link Module#requiresGrad(boolean)})
 * @param buffers the elements of its buffers (running statistics), saved but not trained
 * @param mode the model's mode, "training" or "evaluation"
 */
public record Summary(Shape input, List<Row> rows, long parameters, long frozen, long buffers,
    String mode) {
  private static final ThreadLocal<SummaryTrace> TRACE = new ThreadLocal<>();

  /**
   * One place in the module tree.
   *
   * @param depth 0 for the model, 1 for its children, ...
   * @param name the local name ("0", "conv"), empty for the model
   * @param layer what the module is ({@code Conv2d(1 -> 32, kernel 3, padding 1)})
   * @param outputs the output shapes made here: one, several (a module called more often than
   *     it is placed), or none when it was not run through {@link Module#call}
   * @param parameters the trainable scalars it holds itself, its children's apart, that no earlier
   *     row holds: the rows' counts sum to the total
   * @param shared whether the module was placed earlier in the tree too (its parameters are
   *     counted there, and in the totals once)
   * @param sharedParameters the trainable scalars it holds itself that an earlier row holds and
   *     counted: a parameter shared with an earlier module ({@link Dense#sharing}), or all of the
   *     module's at a later place of a module placed twice
   */
  public record Row(int depth, String name, String layer, List<Shape> outputs, long parameters,
      boolean shared, long sharedParameters) {
    /**
     * Copies the shapes.
     *
     * @param depth 0 for the model, 1 for its children, ...
     * @param name the local name, empty for the model
     * @param layer what the module is
     * @param outputs the output shapes made here
     * @param parameters the trainable scalars it holds itself that no earlier row holds
     * @param shared whether the module was placed earlier in the tree too
     * @param sharedParameters the trainable scalars it holds itself that an earlier row holds
     */
    public Row {
      outputs = List.copyOf(checkNotNull(outputs, "Summary.Row: outputs are null"));
    }

    /**
     * A row that shares no parameter with an earlier one.
     *
     * @param depth 0 for the model, 1 for its children, ...
     * @param name the local name, empty for the model
     * @param layer what the module is
     * @param outputs the output shapes made here
     * @param parameters the trainable scalars it holds itself
     * @param shared whether the module was placed earlier in the tree too
     */
    public Row(int depth, String name, String layer, List<Shape> outputs, long parameters,
        boolean shared) {
      this(depth, name, layer, outputs, parameters, shared, 0);
    }

    /**
     * The output shape made here, when there is exactly one.
     *
     * @return the shape, or null when the module made none or several here
     */
    public Shape output() {
      return outputs.size() == 1 ? outputs.get(0) : null;
    }
  }

  /**
   * Copies the rows.
   *
   * @param input the input's shape, batch axis included
   * @param rows the modules, the model itself first
   * @param parameters the model's parameter scalars, frozen ones included
   * @param frozen those of them in frozen parameters
   * @param buffers the elements of its buffers
   * @param mode the model's mode
   */
  public Summary {
    rows = List.copyOf(rows);
    checkArgument(frozen >= 0 && frozen <= parameters, "Summary: %s frozen parameter scalars of"
        + " %s; the frozen are some of the parameters (0 to %s)", frozen, parameters,
        parameters);
  }

  /**
   * A summary that counts no frozen parameters: the constructor before freezing existed.
   *
   * @param input the input's shape, batch axis included
   * @param rows the modules, the model itself first
   * @param parameters the model's parameter scalars
   * @param buffers the elements of its buffers
   * @param mode the model's mode
   */
  public Summary(Shape input, List<Row> rows, long parameters, long buffers, String mode) {
    this(input, rows, parameters, 0, buffers, mode);
  }

  static Summary of(Module model, Shape inputShape) {
    checkNotNull(model, "summary: model is null");
    checkNotNull(inputShape, "summary: input shape is null");
    boolean training = model.isTraining();
    SummaryTrace trace = new SummaryTrace();
    SummaryTrace outer = TRACE.get();
    TRACE.set(trace);
    try {
      // Every module gets its own mode back, not only the model: a frozen child stays frozen.
      EvaluationMode.run(model,
          () -> model.call(Variable.constant(Tensors.zeros(inputShape, model.dtype()))));
    } catch (RuntimeException e) {
      throw SummaryFailure.of(model, inputShape, trace, e);
    } finally {
      TRACE.set(outer);
    }
    List<Row> rows = places(model, trace.outputs).stream().map(Place::row).toList();
    long buffers = model.namedBuffers().values().stream().mapToLong(t -> t.size()).sum();
    return new Summary(inputShape, rows, model.parameterCount(), model.frozenParameterCount(),
        buffers, training ? "training" : "evaluation");
  }

  /**
   * Notes, while a summary is being made on this thread, that {@code failure} left
   * {@code module}, called on {@code input}. Called only on the way out of a throw, so a pass that
   * does not fail pays nothing for it.
   */
  static void failed(Module module, Variable input, RuntimeException failure) {
    SummaryTrace trace = TRACE.get();
    if (trace != null) {
      trace.failed(module, input == null ? null : input.shape(), failure);
    }
  }

  /** Notes a module's output while a summary is being made on this thread. */
  static void record(Module module, Variable output) {
    SummaryTrace trace = TRACE.get();
    if (trace != null) {
      trace.exit(module, output.shape());
    }
  }

  /**
   * A row's module and its place in the tree.
   *
   * @param row the row
   * @param module the module
   * @param path its dotted path from the model ("" for the model)
   */
  record Place(Row row, Module module, String path) {}

  /** Every place of the tree, in the order the containers call their children. */
  static List<Place> places(Module model, Map<Module, List<Shape>> outputs) {
    Map<Module, Integer> places = new IdentityHashMap<>();
    countPlaces(model, places);
    List<Place> rows = new ArrayList<>();
    addRows(rows, model, 0, "", "", outputs, places, new IdentityHashMap<>(),
        new ModuleTreeText.Tally());
    return rows;
  }

  private static void countPlaces(Module module, Map<Module, Integer> places) {
    places.merge(module, 1, Integer::sum);
    module.children().values().forEach(child -> countPlaces(child, places));
  }

  /**
   * The rows of {@code module}'s subtree, in the order the containers call their children: when
   * a module made as many outputs as it has places, the n-th place shows the n-th call's.
   */
  private static void addRows(List<Place> rows, Module module, int depth, String name,
      String path, Map<Module, List<Shape>> outputs, Map<Module, Integer> places,
      Map<Module, Integer> seen, ModuleTreeText.Tally tally) {
    List<Shape> calls = outputs.getOrDefault(module, List.of());
    int place = seen.merge(module, 1, Integer::sum) - 1;
    List<Shape> here = calls.size() == places.get(module) ? List.of(calls.get(place)) : calls;
    ModuleTreeText.Own own = tally.take(module);
    rows.add(new Place(new Row(depth, name, module.description(), here, own.added(), place > 0,
        own.shared()), module, path));
    module.children().forEach((child, m) -> addRows(rows, m, depth + 1, child,
        path.isEmpty() ? child : path + "." + child, outputs, places, seen, tally));
  }

  /** A row's count, with the scalars an earlier row counted apart: "20", "4 (+16 shared)". */
  private static String parameterCell(Row row) {
    String added = row.parameters() == 0 ? ""
        : String.format(Locale.ROOT, "%,d", row.parameters());
    if (row.sharedParameters() == 0) {
      return added;
    }
    return added.isEmpty() ? String.format(Locale.ROOT, "(%,d shared)", row.sharedParameters())
        : String.format(Locale.ROOT, "%s (+%,d shared)", added, row.sharedParameters());
  }

  /** The table: layer, output shape, parameters, one row per module, then the totals. */
  @Override
  public String toString() {
    StringBuilder text = table(rows, -1, null);
    text.append("input ").append(input).append("; total: ")
        .append(ModuleTreeText.count(parameters, "parameter"))
        .append(ModuleTreeText.frozen(frozen));
    if (buffers > 0) {
      text.append(" and ").append(ModuleTreeText.count(buffers, "buffer element"));
    }
    return text.append("; ").append(mode).append(" mode").toString();
  }

  /**
   * The table's header and rows, each line ending in a newline.
   *
   * @param marked the index of a row whose output cell is {@code mark} instead, or −1
   */
  static StringBuilder table(List<Row> rows, int marked, String mark) {
    List<String[]> cells = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      String label = "  ".repeat(row.depth()) + (row.name().isEmpty() ? "" : "(" + row.name()
          + "): ") + row.layer();
      String shapes = i == marked ? mark : row.outputs().isEmpty() ? "-" : row.outputs().stream()
          .map(Shape::toString).collect(Collectors.joining(", "));
      String parameters = row.shared() ? "(shared)" : parameterCell(row);
      cells.add(new String[] {label, shapes, parameters});
    }
    int first = "Layer".length();
    int second = "Output shape".length();
    for (String[] c : cells) {
      first = Math.max(first, c[0].length());
      second = Math.max(second, c[1].length());
    }
    StringBuilder text = new StringBuilder();
    String format = "%-" + first + "s  %-" + second + "s  %s";
    text.append(String.format(Locale.ROOT, format, "Layer", "Output shape", "Parameters")
        .stripTrailing()).append('\n');
    for (String[] c : cells) {
      text.append(String.format(Locale.ROOT, format, c[0], c[1], c[2]).stripTrailing())
          .append('\n');
    }
    return text;
  }
}
