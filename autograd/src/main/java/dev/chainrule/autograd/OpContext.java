package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.chainrule.core.Recycling;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one recorded application of an {@link Op} remembers for its backward rule: the input and
 * output variables (graph-connected, so a rule built from them can be differentiated again) and
 * any extra tensors the forward saved. After a backward pass that does not retain the graph, the
 * context is released and any further use says so.
 *
 * <p>The context notes the {@link Tensor#version() version} of every value a rule can read: each
 * input's, the output's and each saved tensor's. A rule that reads one through {@link #input},
 * {@link #output} or {@link #saved} after it was changed in place gets an
 * {@link IllegalStateException} instead of a gradient computed from the wrong values. Values a
 * rule does not read (the operands of a sum, an input whose shape is all it needs) may change.
 */
public final class OpContext {
  private static final Tensor[] NOTHING_SAVED = new Tensor[0];
  private static final int[] NO_VERSIONS = new int[0];
  private static final Variable[] NO_INPUTS = new Variable[0];

  private final Op op;
  private Variable[] inputs;
  /** {@link #frozenInputs}: inputs that were frozen parameters when recorded, or null. */
  private final boolean[] frozen;
  private final int[] inputVersions;
  /** Each input's value generation when the op ran, or null when all were 0, as almost always. */
  private final long[] inputGenerations;
  private final CreationSite creationSite;
  private Tensor[] saved = NOTHING_SAVED;
  private int[] savedVersions = NO_VERSIONS;
  private Variable output;
  private int outputVersion;
  private boolean released;
  /** The backward pass that released this context, 0 before; see {@link #release(int)}. */
  private int releasedBy;
  /** Whether the pass that released this context threw after it (a rule, an anomaly). */
  private boolean releasedByFailedPass;
  /** A saved tensor the op made itself and gave no one, handed back on release; or null. */
  private Tensor own;
  /** The saved tensors' versions when the forward returned, if it changed one; else null. */
  private int[] forwardChangedSaved;
  /** Whether someone outside the engine was given this context ({@link Variable#opContext()}). */
  private boolean walked;
  /** Whether a backward rule will read this context; if not, saving is a no-op. */
  private final boolean recording;
  /**
   * While the rule runs in a pass that may compute parameters' updates into their gradient's
   * product, that pass's {@link ProductUpdates}, which knows the inputs it offers; null otherwise.
   */
  private ProductUpdates offer;

  OpContext(Op op, Variable[] inputs, CreationSite creationSite) {
    this(op, inputs, creationSite, true);
  }

  /** A context that records for backward, or (not {@code recording}) one a forward runs with. */
  OpContext(Op op, Variable[] inputs, CreationSite creationSite, boolean recording) {
    this.op = op;
    this.inputs = inputs;
    this.creationSite = creationSite;
    this.recording = recording;
    this.inputVersions = RecordedVersions.of(inputs);
    this.inputGenerations = RecordedVersions.generationsOf(inputs);
    this.frozen = frozenInputs(inputs);
  }

  /** Which inputs were frozen parameters when recorded; null when none was (nearly always). */
  private static boolean[] frozenInputs(Variable[] inputs) {
    boolean[] frozen = null;
    for (int i = 0; i < inputs.length; i++) {
      if (!inputs[i].requiresGrad() && inputs[i].isParameter()) {
        frozen = frozen == null ? new boolean[inputs.length] : frozen;
        frozen[i] = true;
      }
    }
    return frozen;
  }

  /**
   * Whether backward passes a gradient to input {@code index}: it requires one now and was not a
   * frozen parameter when this op was recorded. Unfrozen since, it has no edge here, as in
   * PyTorch: read at backward alone, its flag gave it the gradient of the ops recorded for other
   * inputs' sake and none of those that read only it, a part of its derivative.
   */
  boolean linked(int index) {
    return inputs[index].requiresGrad() && (frozen == null || !frozen[index]);
  }

  /**
   * Keeps tensors for the backward rule, retrievable in order with {@link #saved(int)}. Backward
   * refuses a saved tensor that was changed in place after this call.
   *
   * @param tensors the tensors backward needs
   */
  public void save(Tensor... tensors) {
    if (!recording) {
      return;
    }
    checkNotNull(tensors, "%s: saved null", op.name());
    int first = saved.length;
    saved = Arrays.copyOf(saved, first + tensors.length);
    savedVersions = Arrays.copyOf(savedVersions, first + tensors.length);
    for (int i = 0; i < tensors.length; i++) {
      saved[first + i] = checkNotNull(tensors[i], "%s: saved a null tensor", op.name());
      savedVersions[first + i] = tensors[i].version();
    }
  }

  /**
   * {@link #save} for a tensor the forward made itself and handed to no one else (a softmax the
   * rule reads once): when a backward pass that does not retain the graph releases this context,
   * its array goes back for reuse (see {@code Recycling.recycleKept}), unless someone walked the
   * graph to this context and may hold it. It must have been born in a recycling scope that the
   * forward opened and closed: nothing else is ever taken.
   */
  void saveOwn(Tensor tensor) {
    save(tensor);
    if (isRecording()) {
      own = tensor;
    }
  }

  /** Whether this context records for backward (not the one handed out while nothing does). */
  boolean isRecording() {
    return recording;
  }

  /** Marks this context as seen from outside the engine: its own tensor then stays its holder's. */
  void walked() {
    walked = true;
  }

  /**
   * A tensor saved by the forward, in the order saved. It is a constant for the graph. Where no
   * graph is recorded ({@link Autograd#noGrad()}, or no input requires a gradient) nothing is
   * saved, and a forward that reads one back is refused: it should use its own local values.
   *
   * @param index the saved tensor's position, in the order saved, from 0
   * @return the saved tensor
   */
  public Tensor saved(int index) {
    checkLive();
    if (!recording) {
      throw OpContextErrors.savedWhileUnrecorded(op.name(), index);
    }
    checkArgument(index >= 0 && index < saved.length, "%s: saved tensor %s requested, %s saved",
        op.name(), index, saved.length);
    Tensor t = saved[index];
    if (t.version() != savedVersions[index]) {
      throw OpContextErrors.savedChanged(op.name(), index, t, savedVersions[index],
          forwardChangedSaved, creationSite());
    }
    return t;
  }

  /**
   * The variable given as input {@code index}, whose value must not have changed in place.
   *
   * @param index the input's position, from 0
   * @return the input
   */
  public Variable input(int index) {
    checkLive();
    checkInputIndex(index);
    Variable v = inputs[index];
    if (v.valueGeneration() != (inputGenerations == null ? 0 : inputGenerations[index])) {
      throw OpContextErrors.replaced(index, op.name(), v, creationSite());
    }
    if (v.value().version() != inputVersions[index]) {
      throw modified("input " + index, v.value(), v.name(), inputVersions[index]);
    }
    return v;
  }

  /**
   * The shape of input {@code index}, for rules that need no more of it (shapes never change).
   *
   * @param index the input's position, from 0
   * @return the input's shape
   */
  public Shape inputShape(int index) {
    checkLive();  // a freed context has no inputs: "op has 0" would mislead
    checkInputIndex(index);
    return inputs[index].shape();
  }

  /**
   * Number of inputs. Like the inputs themselves, it is refused once a backward pass that did not
   * retain the graph has freed this context, which keeps no links to them: 0 would read as an op
   * without inputs.
   *
   * @return the number of inputs
   */
  public int inputCount() {
    checkLive();
    return inputs.length;
  }

  /**
   * How many inputs this context still links to: {@link #inputCount()} while live, 0 once freed.
   * For the engine's walks, which meet a node an earlier pass freed as a leaf; the pass that then
   * reaches it with a gradient says it was freed.
   */
  int linkedInputs() {
    return inputs.length;
  }

  /**
   * Whether the gradient for input {@code index} is needed; the rule may skip it otherwise.
   *
   * @param index the input's position, from 0
   * @return whether backward must compute that input's gradient
   */
  public boolean needsGrad(int index) {
    checkLive();
    checkInputIndex(index);
    return recording && linked(index);
  }

  /** Refuses an index that names no input; the message is built only then: rules ask each pass. */
  private void checkInputIndex(int index) {
    if (index < 0 || index >= inputs.length) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s: input %s requested, op has %s",
          op.name(), index, inputs.length));
    }
  }

  /** The offer of {@link ProductUpdates#updateInProduct} to this context's rule, or null. */
  ProductUpdates offer() {
    return offer;
  }

  /** Set by {@link ProductUpdates#offer} before this context's rule runs, cleared after it. */
  void offer(ProductUpdates updates) {
    offer = updates;
  }

  /**
   * The variable the op produced, whose value must not have changed in place.
   *
   * @return the op's output
   */
  public Variable output() {
    checkLive();
    checkState(output != null, "%s: the output is not known until forward has returned it",
        op.name());
    if (output.value().version() != outputVersion) {
      throw modified("the output", output.value(), output.name(), outputVersion);
    }
    return output;
  }

  /**
   * The op this context belongs to.
   *
   * @return the op
   */
  public Op op() {
    return op;
  }

  /**
   * The line of user code that created this op, if it was recorded under
   * {@link Autograd#recordCreationSites()} or {@link Autograd#detectAnomaly()}.
   *
   * @return the line of user code that created the op, when recorded
   */
  public Optional<StackTraceElement> creationSite() {
    return creationSite == null ? Optional.empty() : Optional.ofNullable(creationSite.frame());
  }

  // ---- for the engine ----

  List<Variable> inputList() {
    return Collections.unmodifiableList(Arrays.asList(inputs));
  }

  Variable inputAt(int index) {
    return inputs[index];
  }

  /** How many tensors the forward saved (0 once released), for {@link #savedAt}. */
  int savedCount() {
    return saved.length;
  }

  /**
   * Saved tensor {@code index}, unchecked: for the engine, which asks before any rule runs which
   * arrays the rules may read ({@link ProductUpdates}), not for a rule.
   */
  Tensor savedAt(int index) {
    return saved[index];
  }

  /** The output's value, unchecked: for {@link UsersRule}, which notes its version. */
  Tensor outputValue() {
    return output.value();
  }

  void setOutput(Variable output) {
    this.output = output;
    this.outputVersion = output.value().version();
  }

  /**
   * Drops everything this context holds for backward: the saved tensors and the links to the
   * inputs and the output. A graph is a chain of such links, so after a backward pass that did
   * not retain it, a loss kept for later (a list of losses for a plot) no longer keeps every
   * activation of its step reachable; only the op's name and creation site remain.
   *
   * @param pass the number of the backward pass that releases it, for a retry's message
   */
  void release(int pass) {
    releasedBy = pass;
    if (own != null && !walked) {
      Recycling.recycleKept(own);
    }
    own = null;
    released = true;
    saved = NOTHING_SAVED;
    savedVersions = NO_VERSIONS;
    forwardChangedSaved = null;
    inputs = NO_INPUTS;
    output = null;
  }

  boolean isReleased() {
    return released;
  }

  /** Throws the "graph was freed" error, with how to keep a graph, once released. */
  void checkLive() {
    if (released) {
      throw OpContextErrors.freed(op.name(), releasedByFailedPass);
    }
  }

  /** Notes that pass {@code pass} failed, for {@link #checkLive}, if it released this. */
  void releasedByFailedPass(int pass) {
    releasedByFailedPass |= released && releasedBy == pass;
  }

  /**
   * After the forward returned: notes a saved tensor the forward changed after saving it, for the
   * message of a rule that reads it, and refuses a forward that changed one of its inputs in place
   * (a {@code scaleInPlace} on the tensor it was given).
   */
  void checkForwardKeptInputs() {
    forwardChangedSaved = RecordedVersions.changedByForward(saved, savedVersions);
    RecordedVersions.checkInputsKept(op, inputs, inputVersions);
  }

  private IllegalStateException modified(String what, Tensor value, String name, int recorded) {
    return OpContextErrors.modified(what, op.name(), value, name, creationSite(), recorded);
  }
}
