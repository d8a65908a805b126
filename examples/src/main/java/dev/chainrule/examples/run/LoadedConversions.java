package dev.chainrule.examples.run;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.checkpoint.LoadReport;
import dev.chainrule.optim.checkpoint.SavedOptimizer;
import dev.chainrule.optim.checkpoint.TypeConversion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The note that a loaded file's weights were converted to the model's type: a file whose tensors
 * are stored as F16 in a float64 model's description, or as F64 in a float32 one's, loaded with
 * only "loaded", though the report named each conversion. Grouped by conversion in the library's
 * own words: {@code note: m.safetensors: 4 tensors stored as F16 were converted to float64
 * (exact)}. The conversions are the report's records ({@link LoadReport#typeConversions()}), not
 * its lines read back: a name may hold a colon (TensorFlow's {@code dense/kernel:0}). Its other
 * lines (a shape [1] taken as [], a counter absent from the file) are no change of type and are
 * not noted; a rounded whole number's element is one tensor's detail and is left to the report.
 * A continued optimizer state's conversions have a note of their own ({@link #stateNote}), made
 * when the run's optimizer takes the state up.
 */
public final class LoadedConversions {
  private LoadedConversions() {}

  /** One group of the note: the tensors' type in the file, the model's, and whether exact. */
  private record Group(String stored, String loaded, boolean exact) {}

  /**
   * The note for a load's type conversions, or empty when the file's types are the model's.
   *
   * @param file the file's name, as the notes name it
   * @param report the load's report
   * @return {@code note: FILE: N tensors stored as TYPE were converted to TYPE (exact)}, groups
   *     joined by "; "
   */
  public static Optional<String> note(String file, LoadReport report) {
    return note(file, report.typeConversions(), "tensor");
  }

  /**
   * The note for a continued optimizer state's conversions to the run's type, or empty when it
   * kept the file's types. The model's note counts the weights only: a float64 file loaded for
   * a float32 run said "(exact)" of them while Adam's moments, which the optimizer keeps in its
   * parameters' type, were rounded without a word.
   *
   * @param file the file's name, as the notes name it
   * @param saved the state as the file held it
   * @param kept the optimizer's state after loading it ({@code Optimizer.state()})
   * @return {@code note: FILE: N optimizer state tensors stored as TYPE were converted to TYPE
   *     (rounded to nearest)}, groups joined by "; "
   */
  public static Optional<String> stateNote(String file, SavedOptimizer saved,
      Map<String, Tensor> kept) {
    return note(file, saved.typeConversions(kept), "optimizer state tensor");
  }

  private static Optional<String> note(String file, List<TypeConversion> conversions,
      String noun) {
    Map<Group, Integer> counts = new LinkedHashMap<>();
    for (TypeConversion c : conversions) {
      counts.merge(new Group(c.stored(), c.loaded().toString(), c.exact()), 1, Integer::sum);
    }
    if (counts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("note: " + file + ": " + counts.entrySet().stream().map(e -> {
      Group g = e.getKey();
      int n = e.getValue();
      return n + " " + noun + (n == 1 ? " stored as " + g.stored() + " was"
          : "s stored as " + g.stored() + " were") + " converted to " + g.loaded()
          + " (" + (g.exact() ? "exact" : "rounded to nearest") + ")";
    }).collect(Collectors.joining("; ")));
  }
}
