package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * An optimizer's parameter groups resolved to its parameter indices: each parameter's
 * learning-rate scale and weight decay, read at every update, and the groups' canonical text for
 * {@link Optimizer#settings()}.
 */
final class ParameterGroups {
  private final List<ParameterGroup> groups;
  private final double[] scales;
  /** The group's weight decay, or NaN for the optimizer's own. */
  private final double[] decays;
  private final int[] groupOf;
  private final String text;

  private ParameterGroups(List<ParameterGroup> groups, double[] scales, double[] decays,
      int[] groupOf, String text) {
    this.groups = groups;
    this.scales = scales;
    this.decays = decays;
    this.groupOf = groupOf;
    this.text = text;
  }

  /**
   * Resolves the groups against the optimizer's parameters.
   *
   * @throws IllegalArgumentException naming the parameter when one is not among the optimizer's
   *     or is in two groups
   */
  static ParameterGroups of(String optimizer, List<Variable> parameters,
      List<ParameterGroup> groups) {
    checkNotNull(groups, "%s: the group list is null", optimizer);
    Map<Variable, Integer> index = new IdentityHashMap<>();
    for (int i = 0; i < parameters.size(); i++) {
      index.put(parameters.get(i), i);
    }
    double[] scales = new double[parameters.size()];
    double[] decays = new double[parameters.size()];
    int[] groupOf = new int[parameters.size()];
    Arrays.fill(scales, 1);
    Arrays.fill(decays, Double.NaN);
    Arrays.fill(groupOf, -1);
    List<int[]> members = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      ParameterGroup group = checkNotNull(groups.get(g), "%s: group %s is null", optimizer, g);
      int[] indices = new int[group.parameters().size()];
      for (int j = 0; j < indices.length; j++) {
        Variable p = group.parameters().get(j);
        Integer i = index.get(p);
        checkArgument(i != null, "%s: group %s's %s is not among the optimizer's %s parameters",
            optimizer, g, ParameterList.label(j, p), parameters.size());
        // In two groups, a parameter would have two learning rates; PyTorch refuses it too.
        checkArgument(groupOf[i] < 0, "%s: %s is in group %s and in group %s", optimizer,
            ParameterList.label(i, p), groupOf[i], g);
        groupOf[i] = g;
        scales[i] = group.learningRateScale();
        decays[i] = group.weightDecay().orElse(Double.NaN);
        indices[j] = i;
      }
      Arrays.sort(indices);
      members.add(indices);
    }
    return new ParameterGroups(List.copyOf(groups), scales, decays, groupOf,
        describe(groups, members));
  }

  /**
   * "groups=[{parameters=[0..3, 7], weightDecay=0.0}, {parameters=[4, 5], learningRateScale=0.1}]",
   * or "" without groups. By parameter index, the groups in the order of their first index: the
   * same groups, however listed or selected, read the same, so a checkpoint's recorded settings
   * match an optimizer with the same groups however its script builds them.
   */
  private static String describe(List<ParameterGroup> groups, List<int[]> members) {
    if (groups.isEmpty()) {
      return "";
    }
    return IntStream.range(0, groups.size()).boxed()
        .sorted(Comparator.comparingInt(g -> members.get(g)[0]))
        .map(g -> text(groups.get(g), members.get(g)))
        .collect(Collectors.joining(", ", "groups=[", "]"));
  }

  /** "{parameters=[1, 3], weightDecay=0.0}": the indices, then what the group overrides. */
  private static String text(ParameterGroup group, int[] indices) {
    return "{parameters=[" + runs(indices) + "]"
        + (group.learningRateScale() != 1 ? ", learningRateScale=" + group.learningRateScale()
            : "")
        + (group.weightDecay().isPresent() ? ", weightDecay=" + group.weightDecay().getAsDouble()
            : "")
        + "}";
  }

  /** Sorted indices with runs of three or more shortened: "0..3, 7". */
  private static String runs(int[] sorted) {
    List<String> parts = new ArrayList<>();
    for (int start = 0; start < sorted.length; ) {
      int end = start;
      while (end + 1 < sorted.length && sorted[end + 1] == sorted[end] + 1) {
        end++;
      }
      if (end - start >= 2) {
        parts.add(sorted[start] + ".." + sorted[end]);
      } else {
        for (int k = start; k <= end; k++) {
          parts.add(String.valueOf(sorted[k]));
        }
      }
      start = end + 1;
    }
    return String.join(", ", parts);
  }

  List<ParameterGroup> groups() {
    return groups;
  }

  /** The factor of the optimizer's learning rate for parameter {@code i}: 1 outside groups. */
  double scale(int i) {
    return scales[i];
  }

  /** Parameter {@code i}'s weight decay: its group's, or {@code own}, the optimizer's. */
  double weightDecay(int i, double own) {
    double decay = decays[i];
    return Double.isNaN(decay) ? own : decay;
  }

  /** The group of parameter {@code i}, or -1 for none. */
  int groupOf(int i) {
    return groupOf[i];
  }

  /** The settings text, "" without groups. */
  String text() {
    return text;
  }
}
