package dev.chainrule.autograd.check;

import dev.chainrule.autograd.check.GradCheckReport.Verdict;
import dev.chainrule.core.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A failed comparison judged along single input elements of its direction, where the outputs
 * cannot be set apart: every output has a kink (a scalar loss such as 0.5·Σ|h| over ReLU
 * activations, half of them exact zeros), or the kinks' bounds summed over many outputs are too
 * loose to judge. Those bounds span about Σ|d_k| over the kinked elements, which grows as n, while
 * a rule wrong at every other element errs by a sum of random signs, which grows as √n: a rule
 * that forgot the 0.5 passed as "a kink" (PyTorch's gradcheck fails it). A kink of a piecewise
 * smooth function lies on surfaces through the point, and a direction that moves only elements
 * whose own one-sided slopes do not jump crosses none of them; along an element whose slopes do
 * jump, each output bends one way, and its one-sided slopes bound a subgradient's value.
 */
final class AlongInputs {
  /**
   * The elements sampled: each costs four evaluations of the function. A rule wrong at most
   * smooth elements shows among a few dozen; one wrong at a few elements of a large input is
   * beyond any projection (GradCheck.Options says so).
   */
  static final int SAMPLED = 48;
  /** The most kinked elements located by halving, judged besides the sample. */
  static final int LOCATED = 16;
  /** The most groups tested while locating them: four evaluations each. */
  static final int GROUPS = 128;

  private AlongInputs() {}

  /**
   * Wrong, if along the sampled input elements of the worst comparison's direction the engine
   * disagrees: with central differences along the smooth ones together, at both {@code steps},
   * which agree with each other beyond rounding; or, along one whose own slopes jump at the point,
   * with every subgradient there. Empty otherwise (a direction of one element, nothing to judge,
   * a kink along the smooth elements together, or agreement).
   *
   * <p>Along a single element each output bends one way at a kink there, so its one-sided slopes
   * bound the engine's value as the sums over many outputs and elements cannot: those sums
   * spread over every kink while a wrong subgradient's errors cancel in them (a clamp with a rule
   * of 2 at its bound passed among sixteen inputs at it). Half the sample is the elements through
   * which the engine's value over the {@code kinked} outputs mostly flows: a wrong subgradient at
   * a kink shows there, and a random sample can miss it (a max pool routes a tied window's
   * gradient to one element of four, over a ReLU rule of 3 at 0).
   */
  static Optional<Diagnosis> judge(Probe probe, Worst worst, double[] steps, Tensor kinked) {
    int i = worst.input();
    Tensor direction = worst.direction();
    Tensor weights = worst.weights();
    double[] d = direction.toArray();
    List<Integer> moved = new ArrayList<>();
    for (int k = 0; k < d.length; k++) {
      if (d[k] != 0) {
        moved.add(k);
      }
    }
    if (moved.size() < 2) {
      return Optional.empty();
    }
    double[] gradient = worst.engineGradient(weights).toArray();
    double rtol = worst.options().rtol();
    Tensor at = probe.outputAt(i, direction, 0);
    // The located elements first, then the sample's; at most LOCATED + SAMPLED, once each.
    Set<Integer> sample = new LinkedHashSet<>(located(probe, i, direction, weights, steps, at,
        rtol, moved));
    sample.addAll(sample(moved, d, worst.engineGradient(weights.mul(kinked)).toArray()));
    double[] smooth = new double[d.length];
    int kept = 0;
    int sampled = sample.size();
    for (int k : sample) {
      double[] one = new double[d.length];
      one[k] = d[k];
      Tensor single = Tensor.of(one, direction.shape().dims());
      KinkBounds.Bounds wide = KinkBounds.of(probe, i, single, weights, steps[0], at);
      KinkBounds.Bounds fine = KinkBounds.of(probe, i, single, weights, steps[1], at);
      if (KinkBounds.kinkedAlong(wide, fine, rtol).sum().item() > 0) {
        Optional<Diagnosis> wrong = KinkedElement.judge(probe, worst, k, single, wide, fine,
            at, gradient[k] * d[k], steps);
        if (wrong.isPresent()) {
          return wrong;
        }
      } else if (!nearKink(wide, at, steps[0], rtol)) {
        smooth[k] = d[k];
        kept++;
      }
    }
    Tensor along = Tensor.of(smooth, direction.shape().dims());
    if (kept == 0 || kinked(probe, i, along, weights, steps, at, rtol)) {
      return Optional.empty();
    }
    double engine = 0;
    for (int k = 0; k < smooth.length; k++) {
      engine += gradient[k] * smooth[k];
    }
    AwayFromKinks.Slopes slopes = AwayFromKinks.Slopes.of(probe, i, along, weights, steps);
    double[] numericals = slopes.numericals();
    if (slopes.settledApart(worst, engine)) {
      return Optional.of(new Diagnosis(Verdict.WRONG_DERIVATIVE, String.format(Locale.ROOT,
          "the outputs may have a kink or a jump at the point; along the %d of %d sampled"
              + " input elements whose one-sided slopes do not jump there the engine's value is"
              + " %.10g and central differences give %.10g and %.10g at steps %.1g and %.1g: the"
              + " derivative is wrong away from the kinks", kept, sampled, engine, numericals[0],
          numericals[1], steps[0], steps[1])));
    }
    return Optional.empty();
  }

  /** Whether some output's slope jumps along {@code direction} at both steps. */
  private static boolean kinked(Probe probe, int i, Tensor direction, Tensor weights,
      double[] steps, Tensor at, double rtol) {
    KinkBounds.Bounds wide = KinkBounds.of(probe, i, direction, weights, steps[0], at);
    KinkBounds.Bounds fine = KinkBounds.of(probe, i, direction, weights, steps[1], at);
    return KinkBounds.kinkedAlong(wide, fine, rtol).sum().item() > 0;
  }

  /**
   * Up to {@link #LOCATED} of the {@code moved} elements along which alone some output's slope
   * jumps at both steps, found by halving: a group of elements is split only while moving it
   * kinks an output, so k kinked elements among n cost about 2k·log₂(n) groups of four
   * evaluations, capped at {@link #GROUPS}. A random sample misses a few kinked elements of a
   * large input, and the gradient-led one misses those whose wrong value is small (Σ relu(x) with
   * a rule of −0.3 at 0 on 8 of 2,000 elements passed as a kink). Seeded shuffle: groups of
   * neighbours could cancel (relu(a) − relu(b) moved along (1, 1)), random ones hardly do.
   */
  private static List<Integer> located(Probe probe, int i, Tensor direction, Tensor weights,
      double[] steps, Tensor at, double rtol, List<Integer> moved) {
    List<Integer> shuffled = new ArrayList<>(moved);
    Collections.shuffle(shuffled, new Random(0x6c6f6361L));
    double[] d = direction.toArray();
    List<Integer> found = new ArrayList<>();
    ArrayDeque<List<Integer>> groups = new ArrayDeque<>();
    groups.push(shuffled);
    int tested = 0;
    while (!groups.isEmpty() && tested < GROUPS && found.size() < LOCATED) {
      List<Integer> group = groups.pop();
      double[] part = new double[d.length];
      for (int k : group) {
        part[k] = d[k];
      }
      tested++;
      Tensor along = Tensor.of(part, direction.shape().dims());
      if (!kinked(probe, i, along, weights, steps, at, rtol)) {
        continue;
      }
      if (group.size() == 1) {
        found.add(group.get(0));
      } else {
        int half = group.size() / 2;
        groups.push(group.subList(half, group.size()));
        groups.push(group.subList(0, half));
      }
    }
    return found;
  }

  /**
   * Up to {@link #SAMPLED} of the {@code moved} elements: first the half with the largest
   * engine's value over the kinked outputs, |{@code atKinks}_k·d_k|, where it is not 0, then
   * others at random (seeded: the same check gives the same answer).
   */
  private static Set<Integer> sample(List<Integer> moved, double[] d, double[] atKinks) {
    List<Integer> shuffled = new ArrayList<>(moved);
    Collections.shuffle(shuffled, new Random(0x736d6f6fL));
    Set<Integer> sample = new LinkedHashSet<>(shuffled.stream()
        .filter(k -> atKinks[k] * d[k] != 0)
        .sorted(Comparator.comparingDouble(k -> -Math.abs(atKinks[k] * d[k])))
        .limit(SAMPLED / 2).toList());
    for (int k : shuffled) {
      if (sample.size() == Math.min(SAMPLED, moved.size())) {
        break;
      }
      sample.add(k);
    }
    return sample;
  }

  /**
   * Whether some output's slope jumps at the larger of the smaller steps (h/10, {@code wide}) by
   * more than rounding could make it jump: a kink between h/100 and h/10, which h/10 straddles,
   * keeps an element's steps from settling, and one such element among the sampled kept the rest
   * from showing a rule 1 % off (relu(x)·|v| summed, x with exact zeros and others within the
   * step of 0). A smooth element taken for kinked only leaves the comparison.
   */
  private static boolean nearKink(KinkBounds.Bounds wide, Tensor at, double step, double rtol) {
    double unit = Rounding.unit(at.dtype());
    double[] values = at.toArray();
    double[] left = wide.left().toArray();
    double[] right = wide.right().toArray();
    for (int k = 0; k < values.length; k++) {
      double jump = Math.abs(right[k] - left[k]);
      double noise = NearKinks.ROUNDINGS * unit * Math.abs(values[k]);
      if (jump > rtol / 4 * Math.max(Math.abs(left[k]), Math.abs(right[k]))
          && noise / step < jump / 4) {
        return true;
      }
    }
    return false;
  }
}
