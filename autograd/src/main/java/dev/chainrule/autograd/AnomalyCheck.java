package dev.chainrule.autograd;

import dev.chainrule.autograd.AnomalyException.Phase;
import dev.chainrule.autograd.AnomalyException.Values;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks behind {@link Autograd#detectAnomaly()}. Only the check itself is on the hot path: one
 * sum per value, which is finite exactly when every element is (a NaN or an infinity makes the sum
 * NaN or infinite), unless finite elements overflow, which a second look tells apart. Describing
 * what went wrong costs more and happens once, on the way to the exception.
 */
final class AnomalyCheck {
  private AnomalyCheck() {}

  /**
   * After an op's forward: throws if its output holds a NaN or an infinity, placed where {@code
   * ctx} was created, or here for an op not recorded (null).
   */
  static void forward(Op op, Tensor[] inputs, Tensor output, OpContext ctx) {
    if (!allFinite(output)) {
      throw new AnomalyException(Phase.FORWARD, op.name(), describe(inputs), describe(output), -1,
          null, ctx != null ? ctx.creationSite().orElse(null) : CreationSite.capture().frame());
    }
  }

  /** After an op's backward rule: throws if a gradient it returned holds a NaN or an infinity. */
  static void backward(OpContext ctx, Variable gradOutput, Variable[] inputGrads) {
    for (int i = 0; i < inputGrads.length; i++) {
      Variable g = inputGrads[i];
      if (g != null && !allFinite(g.value())) {
        throw new AnomalyException(Phase.BACKWARD, ctx.op().name(), describeInputs(ctx),
            describe(g.value()), i, describe(gradOutput.value()), ctx.creationSite().orElse(null));
      }
    }
  }

  /**
   * After the engine converted {@code before}, input {@code input}'s finite gradient from {@code
   * ctx}'s rule, to the input's type as {@code after}: throws if the conversion overflowed (a
   * float64 gradient of 1e39 for a float32 input). Unchecked, the infinity was found in the
   * gradient it was added to, and blamed on a sum of finite contributions there, at another op.
   */
  static void converted(OpContext ctx, int input, Variable gradOutput, Tensor returned,
      Tensor before, Tensor after) {
    if (!allFinite(after) && allFinite(before)) {
      // The engine's sum over broadcast axes is named apart from what the rule returned.
      throw AnomalyException.inConversion(ctx.op().name(), input, before.dtype(), after.dtype(),
          describeInputs(ctx), describe(returned), returned == before ? null : describe(before),
          describe(after), describe(gradOutput.value()), ctx.creationSite().orElse(null));
    }
  }

  /**
   * After a gradient hook ({@link Variable#registerHook}) on {@code variable}: throws if what it
   * returned holds a NaN or an infinity; without this a hook on a parameter would put a NaN into
   * its {@code grad()} with no rule after it to notice. The gradient it was given may be a sum
   * that overflowed ({@link #reached} leaves a node with hooks to them, which may repair it, as
   * a clamp does): a hook that passes such a sum on, or makes NaN of it (∞/∞), did not make the
   * anomaly, and the sum is named.
   */
  static void hook(String hook, Variable variable, Variable given, Variable result) {
    if (!allFinite(result.value())) {
      summed(variable, given.value());
      throw AnomalyException.inHook(hook, variable.isLeaf() ? "leaf" : variable.opName(),
          describe(given.value()), describe(result.value()),
          variable.creationSite().orElse(null));
    }
  }

  /**
   * Before the engine hands {@code gradient}, complete, to {@code variable}'s rule (or keeps it),
   * where no hook runs on it: throws if it is not finite. Each contribution was checked as its
   * rule returned it, so what is left is their sum (over the ops that read the variable, or the
   * axes it was broadcast along), which may overflow (two of 1e308); unchecked, the rule that
   * received the infinity would be named as if it had passed on what came in.
   */
  static void reached(Variable variable, Variable gradient) {
    summed(variable, gradient.value());
  }

  /**
   * Before a backward pass keeps {@code gradient} in {@code variable}'s {@code grad()}, adding it
   * to {@code earlier} (the gradient kept there already, or null), or hands it to an update, or
   * before {@code Gradients.of} returns it: throws if the result is not finite, for the reason
   * {@link #reached} gives, and the sum with what grad() held may overflow too; unchecked, a
   * parameter's grad() would hold the infinity with no rule after it to notice.
   */
  static void kept(Variable variable, Variable gradient, Tensor earlier) {
    summed(variable, earlier == null ? gradient.value() : earlier.add(gradient.value()));
  }

  private static void summed(Variable variable, Tensor total) {
    if (!allFinite(total)) {
      String name = variable.name() != null ? "'" + variable.name() + "'"
          : variable.isLeaf() ? "a parameter " + variable.shape() : "the output of '"
              + variable.opName() + "' " + variable.shape();
      throw AnomalyException.inSum(name, variable.isLeaf() ? "leaf" : variable.opName(),
          describe(total), variable.creationSite().orElse(null));
    }
  }

  /** Before the backward pass: throws if the gradient it starts from at {@code root} is bad. */
  static void seed(Variable root, Variable seed) {
    if (!allFinite(seed.value())) {
      OpContext ctx = root.creator();
      throw new AnomalyException(Phase.BACKWARD, root.opName(),
          ctx == null ? List.of() : describeInputs(ctx), describe(seed.value()), -1, null,
          ctx == null ? null : ctx.creationSite().orElse(null));
    }
  }

  private static boolean allFinite(Tensor t) {
    return Double.isFinite(t.sum().item()) || t.sub(t).ne(0).max().item() == 0;
  }

  private static List<Values> describeInputs(OpContext ctx) {
    List<Values> values = new ArrayList<>(ctx.linkedInputs());
    for (int i = 0; i < ctx.linkedInputs(); i++) {
      values.add(describe(ctx.inputAt(i).value()));
    }
    return values;
  }

  private static List<Values> describe(Tensor[] tensors) {
    List<Values> values = new ArrayList<>(tensors.length);
    for (Tensor t : tensors) {
      values.add(describe(t));
    }
    return values;
  }

  /** Counts and range; x − x is 0 exactly for finite x, NaN for NaN and for ±∞. */
  private static Values describe(Tensor t) {
    Tensor finite = t.sub(t).eq(0);
    // Counted, not summed: a float32 sum past 2^24 rounds to an even number, and 2^24 + 1 finite
    // values beside one NaN were reported with an infinity that was not there.
    int nan = t.ne(t).countNonZero();
    int finiteCount = finite.countNonZero();
    double min = Double.NaN;
    double max = Double.NaN;
    if (finiteCount > 0) {
      min = Tensor.where(finite, t, Tensor.scalar(Double.POSITIVE_INFINITY)).min().item();
      max = Tensor.where(finite, t, Tensor.scalar(Double.NEGATIVE_INFINITY)).max().item();
    }
    return new Values(t.shape(), t.size(), nan, t.size() - finiteCount - nan, min, max);
  }

  /**
   * Runs {@code ctx}'s backward rule; an exception it throws goes on as it is (its type is the
   * caller's to catch), with a suppressed note naming the op and the line that created it, as
   * PyTorch's anomaly mode names the node whose backward failed.
   */
  static Variable[] runRule(OpContext ctx, Variable gradOutput) {
    try {
      return ctx.op().backward(ctx, gradOutput);
    } catch (RuntimeException | Error e) {
      RuleFailure.noteBackward(e, ctx);
      throw e;
    }
  }

  /**
   * The note added to an exception an op's forward or rule threw, which goes on as it is (its
   * type is the caller's to catch): which op, and where it was created. {@link #runRule} adds it
   * for every rule, the engine for a user's rule, the recorder for a user's forward.
   */
  static final class RuleFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private RuleFailure(String message) {
      super(message, null, false, false);
    }

    /** Adds the note to {@code e}, once. */
    static void note(Throwable e, String message) {
      for (Throwable already : e.getSuppressed()) {
        if (already instanceof RuleFailure) {
          return;
        }
      }
      e.addSuppressed(new RuleFailure(message));
    }

    /** Adds the note naming {@code ctx}'s rule and the line that created its op, once. */
    static void noteBackward(Throwable e, OpContext ctx) {
      note(e, "in the backward rule of '" + ctx.op().name() + "'" + ctx.creationSite()
          .map(site -> ", an op created at " + site).orElse(""));
    }
  }
}
