package dev.chainrule.examples.commands;

import java.util.List;
import java.util.Locale;

/**
 * What xor suggests after a run that did not learn XOR: more epochs while the loss still moves,
 * another seed, or wider hidden layers; for a network loaded with {@code --load}, which keeps its
 * seed and layers, another seed or width as a new network; for a loss still near its start, a
 * larger learning rate.
 */
final class XorAdvice {
  private XorAdvice() {}

  /**
   * For a loss still near its start ({@link dev.chainrule.examples.run.SettledLoss#nearStart}):
   * the steps were too small for the epochs, which another seed or width does not change; xor
   * with sgd at --lr 0.001 is still near ln 2 after 1000 epochs and learns XOR by 60,000.
   */
  static final String NEAR_START = "a larger --lr, or more --epochs";

  /** The most hidden layers the advice widens one by one; a deeper network is offered one. */
  static final int MOST_LAYERS_WIDENED = 4;

  /**
   * What a run that did not learn XOR can try: a longer run, another start, or wider hidden
   * layers, whose extra units give a start more ways out. Each layer three units when it has two
   * or fewer (the default 2-2-1 becomes 2-3-1), twice its width otherwise, as many layers as it
   * had: the advice never narrows the network it is given for. Past {@link #MOST_LAYERS_WIDENED}
   * layers it offers one layer as wide as the widest of them widened, since one hidden layer
   * suffices for XOR and depth makes it harder to train: for 40 layers it repeated "3," 40 times.
   */
  static String more(List<Integer> hidden) {
    return advice(hidden, false, false);
  }

  /**
   * What a run that did not learn XOR can try, as {@link #more}: without more epochs when its
   * loss settled ({@link dev.chainrule.examples.run.SettledLoss}), and for a loaded network,
   * whose seed and hidden layers {@code --load} keeps, another start or width as a new network
   * trained without it: the advice named --seed and --hidden, which --load refuses.
   */
  static String advice(List<Integer> hidden, boolean settled, boolean loaded) {
    String epochs = settled ? "" : "more --epochs, ";
    String others = "another --seed" + (loaded ? " or " : ", or ") + widened(hidden);
    return loaded ? epochs + (settled ? "" : "or ") + "a new network trained without --load,"
        + " with " + others : epochs + others;
  }

  private static String widened(List<Integer> hidden) {
    List<Integer> widths = (hidden.isEmpty() ? List.of(2) : hidden).stream()
        .map(width -> width <= 2 ? 3 : 2 * width).toList();
    if (widths.size() > MOST_LAYERS_WIDENED) {
      return String.format(Locale.ROOT,
          "--hidden %d (one hidden layer suffices for XOR, and %d make it"
          + " harder to train)", widths.stream().mapToInt(Integer::intValue).max().getAsInt(),
          widths.size());
    }
    return "--hidden " + String.join(",", widths.stream().map(String::valueOf).toList());
  }
}
