package dev.chainrule.examples.run;

import dev.chainrule.optim.checkpoint.LoadReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The note that a loaded file's weights were converted to the model's type: a file whose tensors
 * are stored as F16 in a float64 model's description, or as F64 in a float32 one's, loaded with
 * only "loaded", though {@link LoadReport#converted()} named each conversion. Grouped by
 * conversion in the library's own words: {@code note: m.safetensors: 4 tensors stored as F16
 * were converted to float64 (exact)}.
 */
public final class LoadedConversions {
  /**
   * A report's type conversion, {@code "0.weight: F16 -> float64 (exact)"}: the name, the type
   * it was stored as, the model's, and "exact" or "rounded to nearest" (whose detail, a rounded
   * whole number's element, is one tensor's and is left to the report). Its other lines (a shape
   * [1] taken as [], a counter absent from the file) are no change of type and are not noted.
   * The name is matched greedily up to the conversion, as a name may hold a colon
   * (TensorFlow's {@code dense/kernel:0}).
   */
  private static final Pattern TYPE_CHANGE = Pattern.compile(
      ".*: ([A-Za-z0-9_]+) -> (float32|float64) \\((exact|rounded to nearest)[:)].*");

  private LoadedConversions() {}

  /**
   * The note for a load's type conversions, or empty when the file's types are the model's.
   *
   * @param file the file's name, as the notes name it
   * @param report the load's report
   * @return {@code note: FILE: N tensors stored as TYPE were converted to TYPE (exact)}, groups
   *     joined by "; "
   */
  public static Optional<String> note(String file, LoadReport report) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String line : report.converted()) {
      Matcher m = TYPE_CHANGE.matcher(line);
      if (m.matches()) {
        counts.merge(m.group(1) + " " + m.group(2) + " " + m.group(3), 1, Integer::sum);
      }
    }
    if (counts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("note: " + file + ": " + counts.entrySet().stream().map(e -> {
      String[] parts = e.getKey().split(" ", 3);
      int n = e.getValue();
      return n + (n == 1 ? " tensor stored as " + parts[0] + " was"
          : " tensors stored as " + parts[0] + " were") + " converted to " + parts[1]
          + " (" + parts[2] + ")";
    }).collect(Collectors.joining("; ")));
  }
}
