package dev.chainrule.optim.checkpoint;

import java.util.List;
import java.util.Map;

/**
 * How a checkpoint's tensors matched a model's parameters.
 *
 * @param loaded parameters whose values were taken from the file, a tied path the file lacks
 *     included when {@link ModelCheckpoint#loadMatching} filled it through its tie (see {@code
 *     converted})
 * @param missing parameters of the model that the file lacks
 * @param unexpected tensors in the file that the model has no parameter for (optimizer state
 *     excluded)
 * @param misshaped parameters present in both with different shapes, as
 *     {@code "name: file [a, b] vs model [c, d]"}
 * @param conflicting paths of a tensor the model shares between several paths (one layer used
 *     twice, two made from one tensor) whose value in the file differs from the one under its
 *     first path: the model can hold only one of them
 * @param unreadable parameters the file holds, in their shape, in a type chainrule does not read
 *     (C64, F4, F8_E8M0, ...; {@link Checkpoint#unreadable()}), left as they are, as
 *     {@code "name: C64, which chainrule does not read (it reads BOOL, U8, ... and U64)"}; a
 *     strict load refuses them. A tensor of such a type that the model has no parameter for is
 *     {@code unexpected}, as any other
 * @param converted loaded parameters whose type in the file differs from the model's, with the
 *     conversion, as {@code "name: float64 -> float32 (rounded to nearest)"}, followed by the
 *     optimizer's state tensors loaded in another type than the file's (kept in their
 *     parameters' type: {@code "optimizer.0.weight.exp_avg: float64 -> float32 (rounded to
 *     nearest)"}), when the load was given an optimizer (or "exact" when
 *     float32 holds every value, as for a file saved from a float32 model); a tensor the file
 *     held in a type it was widened from (F16, BF16, the F8 types, the whole-number types and
 *     BOOL) is named by that type ({@code "name: F16 -> float32 (exact)"},
 *     {@code "name: I32 -> float64 (exact)"}; into float32, the whole-number types are "exact"
 *     unless a whole number beyond 2^24 rounds, when it is "rounded to nearest" with the first
 *     such element, as PyTorch's {@code load_state_dict} rounds it; the float types are exact;
 *     a counter, such as {@code num_batches_tracked}, only when the file holds it in another type
 *     than I64, the type PyTorch and chainrule save counters in: {@code "1.num_batches_tracked:
 *     float32 -> float64 (exact)"});
 *     values of shape [1] loaded into a 0-dimension parameter or buffer, as PyTorch loads older
 *     files' counters ({@code "name: shape [1] -> [] (a 0-dimension value saved with one axis, as
 *     PyTorch loads it)"}); and counters the file lacks (batch normalization's {@code
 *     num_batches_tracked}, absent from older PyTorch files), set to 0 as PyTorch sets them:
 *     {@code "name: absent from the file -> 0 (a counter, as PyTorch loads it)"}; and, from
 *     {@link ModelCheckpoint#loadMatching}, each tied path the file lacks but whose tensor it
 *     holds under another path, which loading that path fills: {@code "out.weight: absent from
 *     the file, loaded through its tie to emb.weight"}
 * @param metadata the file's string metadata
 * @param typeConversions the changes of type among {@code converted}'s lines, one record each, in
 *     the same order (a line that changes a shape or sets an absent counter changes no type and
 *     has none); a report made by the constructors without it has none
 */
public record LoadReport(List<String> loaded, List<String> missing, List<String> unexpected,
    List<String> misshaped, List<String> conflicting, List<String> unreadable,
    List<String> converted, Map<String, String> metadata, List<TypeConversion> typeConversions) {
  /**
   * Copies the lists.
   *
   * @param loaded the parameters loaded
   * @param missing model parameters the file lacks
   * @param unexpected file tensors the model lacks
   * @param misshaped parameters whose shapes differ
   * @param conflicting tied paths whose values in the file differ
   * @param unreadable parameters the file holds in a type chainrule does not read
   * @param converted parameters converted to the model's type
   * @param metadata the file's string metadata
   * @param typeConversions the changes of type among {@code converted}, as records
   */
  public LoadReport {
    loaded = List.copyOf(loaded);
    missing = List.copyOf(missing);
    unexpected = List.copyOf(unexpected);
    misshaped = List.copyOf(misshaped);
    conflicting = List.copyOf(conflicting);
    unreadable = List.copyOf(unreadable);
    converted = List.copyOf(converted);
    metadata = Map.copyOf(metadata);
    typeConversions = List.copyOf(typeConversions);
  }

  /**
   * A report without type conversions as records.
   *
   * @param loaded the parameters loaded
   * @param missing model parameters the file lacks
   * @param unexpected file tensors the model lacks
   * @param misshaped parameters whose shapes differ
   * @param conflicting tied paths whose values in the file differ
   * @param unreadable parameters the file holds in a type chainrule does not read
   * @param converted parameters converted to the model's type
   * @param metadata the file's string metadata
   */
  public LoadReport(List<String> loaded, List<String> missing, List<String> unexpected,
      List<String> misshaped, List<String> conflicting, List<String> unreadable,
      List<String> converted, Map<String, String> metadata) {
    this(loaded, missing, unexpected, misshaped, conflicting, unreadable, converted, metadata,
        List.of());
  }

  /**
   * A report without unreadable parameters.
   *
   * @param loaded the parameters loaded
   * @param missing model parameters the file lacks
   * @param unexpected file tensors the model lacks
   * @param misshaped parameters whose shapes differ
   * @param conflicting tied paths whose values in the file differ
   * @param converted parameters converted to the model's type
   * @param metadata the file's string metadata
   */
  public LoadReport(List<String> loaded, List<String> missing, List<String> unexpected,
      List<String> misshaped, List<String> conflicting, List<String> converted,
      Map<String, String> metadata) {
    this(loaded, missing, unexpected, misshaped, conflicting, List.of(), converted, metadata);
  }

  /**
   * Whether every parameter matched and loaded and nothing was left over.
   *
   * @return true when nothing is missing, unexpected, mis-shaped, conflicting or unreadable
   */
  public boolean isExactMatch() {
    return missing.isEmpty() && unexpected.isEmpty() && misshaped.isEmpty()
        && conflicting.isEmpty() && unreadable.isEmpty();
  }

  /**
   * The mismatches as one line, for a message: each kind present, in the order missing,
   * unexpected, mis-shaped, conflicting tied values, unreadable, with its names, kinds separated
   * by "; " ({@code missing: 3.weight, 3.bias; mis-shaped: 0.weight}); or "exact match".
   *
   * @return the line, or "exact match" when nothing is missing, unexpected, mis-shaped,
   *     conflicting or unreadable
   */
  public String describeMismatches() {
    if (isExactMatch()) {
      return "exact match";
    }
    StringBuilder text = new StringBuilder();
    if (!missing.isEmpty()) {
      text.append("missing: ").append(String.join(", ", missing));
    }
    if (!unexpected.isEmpty()) {
      text.append(text.length() > 0 ? "; " : "").append("unexpected: ")
          .append(String.join(", ", unexpected));
    }
    if (!misshaped.isEmpty()) {
      text.append(text.length() > 0 ? "; " : "").append("mis-shaped: ")
          .append(String.join(", ", misshaped));
    }
    if (!conflicting.isEmpty()) {
      text.append(text.length() > 0 ? "; " : "").append("conflicting tied values: ")
          .append(String.join(", ", conflicting));
    }
    if (!unreadable.isEmpty()) {
      text.append(text.length() > 0 ? "; " : "").append("unreadable: ")
          .append(String.join(", ", unreadable));
    }
    return text.toString();
  }
}
