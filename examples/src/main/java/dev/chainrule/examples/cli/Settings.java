package dev.chainrule.examples.cli;

import dev.chainrule.examples.plot.ChartFormat;
import dev.chainrule.nn.Activation;
import java.nio.file.Path;
import java.util.List;

/** The resolved settings of a training command: command-line values over the command's defaults. */
public record Settings(int epochs, int batchSize, double learningRate, OptimizerChoice optimizer,
    List<Integer> hidden, Activation activation, long seed, Path out, Path save, Path load,
    boolean json, ChartFormat format) {}
