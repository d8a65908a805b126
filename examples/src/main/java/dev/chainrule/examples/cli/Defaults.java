package dev.chainrule.examples.cli;

import java.util.List;

/** A command's training settings when the command line does not give them. */
public record Defaults(int epochs, int batchSize, double learningRate, String optimizer,
    List<Integer> hidden, String activation, long seed) {

  /** A command with training defaults: picocli shows and applies them ({@link DefaultsProvider}). */
  public interface Owner {
    /**
     * The command's defaults, which --help shows.
     *
     * @return the command's defaults
     */
    Defaults defaults();
  }
}
