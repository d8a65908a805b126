package dev.chainrule.optim;

import dev.chainrule.autograd.BackwardUpdate;
import dev.chainrule.autograd.HookHandle;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import java.util.List;
import java.util.Map;

/**
 * Updates a fixed, ordered list of parameters in place from the gradients they hold. A training
 * step is {@code zeroGrad()}, a forward pass, {@code loss.backward()}, then {@link #step()}.
 *
 * <p>Each parameter's state (momentum, moment estimates, its own update count) is a {@link
 * ParameterState} that the optimizer creates on the parameter's first update and owns: nobody else
 * holds its tensors. A parameter whose {@link Variable#grad()} is {@code null} at a step (the loss
 * did not reach it, or it is frozen) is skipped: its value and its state stay as they were, and its
 * update count does not advance.
 *
 * <h2>State as named tensors</h2>
 *
 * {@link #state()} writes everything a resumed run needs as an ordered map of tensors, ready for a
 * safetensors checkpoint; {@link #loadState} reads it back into an optimizer of the same kind and
 * configuration over the same parameters, after which the next step is bitwise the one the saved
 * optimizer would have taken. The keys, in this order:
 *
 * <ul>
 *   <li>{@code "step"}: a scalar, the number of {@link #step()} calls so far;
 *   <li>{@code "lr"}: a scalar, the current learning rate (schedules change it);
 *   <li>{@code "initial_lr"}: a scalar, the rate schedules scale ({@link #initialLearningRate()},
 *       PyTorch's {@code initial_lr}); a state without it (saved before it was kept) leaves the
 *       loading optimizer's own;
 *   <li>{@code "param_count"}: a scalar, the number of parameters, so that a state loads only
 *       into an optimizer over as many (a state saved without it is taken as it is);
 *   <li>then, for each parameter {@code i} (its index in {@link #parameters()}, which for a module
 *       is the order of {@code Module.parameters()}) that has state, in index order: {@code
 *       "<i>.step"}, a scalar, the updates applied to it, followed by {@code "<i>.<buffer>"} for
 *       each of {@link #bufferNames()}, in that order, each of the shape {@link #bufferShape}
 *       declares, the parameter's unless overridden (for example {@code "0.exp_avg"}, {@code
 *       "0.exp_avg_sq"}).
 * </ul>
 *
 * Buffer names are PyTorch's, so a state reads alongside a PyTorch {@code state_dict}.
 * Hyperparameters other than the learning rate are configuration, not state: they are not saved.
 *
 * <h2>Parameter groups</h2>
 *
 * A {@link ParameterGroup} gives some of the parameters a learning rate that is a factor of the
 * optimizer's and a weight decay of their own (PyTorch's {@code param_groups}); the others keep
 * the optimizer's. The built-in optimizers take groups from their builders' {@code group(...)};
 * an update rule reads the settings of the parameter it updates with {@link
 * #parameterLearningRate()} and {@link #parameterWeightDecay(double)}. The groups are
 * configuration: {@link #settings()} names them, so a checkpoint's state loads only into an
 * optimizer with the same groups, and the saved {@code "lr"} is the optimizer's rate, unscaled.
 *
 * <h2>Updates in backward</h2>
 *
 * {@link #updateInBackward()} moves each parameter's update into the backward pass, as soon as
 * its gradient is complete ({@link BackwardUpdate}): no gradient is kept, and {@link #step()} only
 * counts the step (and updates any parameter that does hold a gradient). Plain SGD's update goes
 * straight into the product that computes a dense layer's weight gradient.
 *
 * <p>Optimizers are not thread-safe; one thread trains with one optimizer.
 */
public abstract class Optimizer {
  /** The name of the learning rate in {@link #state()}: {@code "lr"}. */
  public static final String LEARNING_RATE_KEY = OptimizerState.LEARNING_RATE;
  /** The name of the rate schedules scale in {@link #state()}: {@code "initial_lr"}. */
  public static final String INITIAL_LEARNING_RATE_KEY = OptimizerState.INITIAL_LEARNING_RATE;
  /** The name of the number of parameters in {@link #state()}: {@code "param_count"}. */
  public static final String PARAMETER_COUNT_KEY = OptimizerState.PARAMETER_COUNT;

  private final List<Variable> parameters;
  private final ParameterGroups groups;
  private double initialLearningRate;
  private final ParameterStates states;
  private double learningRate;
  private long steps;
  /** Runs the updates, in a step or in backward, and the checks before them. */
  private final ParameterUpdates updates;
  /** The built-in optimizers' maximize option, which {@link #maximizes()} answers. */
  private final boolean maximize;

  /**
   * An optimizer without parameter groups: every parameter at its learning rate and settings.
   *
   * @param parameters leaves that require gradients, each at most once
   * @param learningRate the initial learning rate η ≥ 0
   */
  protected Optimizer(List<Variable> parameters, double learningRate) {
    this(parameters, learningRate, List.of());
  }

  /**
   * An optimizer whose groups override the learning rate and weight decay of some parameters.
   * They take effect where {@link #update} reads {@link #parameterLearningRate()} and {@link
   * #parameterWeightDecay(double)}: an update rule that reads {@link #learningRate()} and its own
   * weight decay instead ignores them.
   *
   * @param parameters leaves that require gradients, each at most once
   * @param learningRate the initial learning rate η ≥ 0
   * @param groups groups of some of {@code parameters}, each parameter in at most one
   * @throws IllegalArgumentException naming the parameter when a group's is not among {@code
   *     parameters} or is in two groups
   */
  // JDK 21+ reports the delegation as a this-escape; see the package-private constructor.
  @SuppressWarnings("this-escape")
  protected Optimizer(List<Variable> parameters, double learningRate,
      List<ParameterGroup> groups) {
    this(parameters, learningRate, groups, false);
  }

  /**
   * As the protected constructor, for the built-in optimizers, whose builders take a maximize
   * option. Package-private, so that an optimizer of one's own still says whether it climbs by
   * overriding {@link #maximizes()}, as before.
   */
  // JDK 21+ reports kind() and the method references as this-escapes. Harmless: kind() is final
  // and reads only getClass(), and ParameterStates and ParameterUpdates only store the
  // references, which are first called by a step, after every constructor has run.
  @SuppressWarnings("this-escape")
  Optimizer(List<Variable> parameters, double learningRate, List<ParameterGroup> groups,
      boolean maximize) {
    this.maximize = maximize;
    String name = kind();
    this.parameters = ParameterList.checked(name, parameters, true);
    this.groups = ParameterGroups.of(name, this.parameters, groups);
    this.initialLearningRate = Hyperparameters.learningRate(name, learningRate);
    this.learningRate = initialLearningRate;
    this.states = new ParameterStates(name, this.parameters, this::bufferNames,
        this::initialValue, this::bufferShape);
    this.updates = new ParameterUpdates(name, this.parameters, states, this::update,
        this::linearForm, this::checkStep);
  }

  /**
   * The optimizer's settings besides the learning rate, as they read in {@link #toString()}
   * ({@code momentum=0.9, nesterov, weightDecay=0.0}), its parameter groups last ({@code ...,
   * groups=[{parameters=[1, 3], weightDecay=0.0}]}, by parameter index): checkpoints record them,
   * and a state is loaded only into an optimizer with the same settings (momentum's buffers are
   * not Nesterov's to continue from). By default the groups alone, so empty, and not compared,
   * for an optimizer of one's own without groups that does not override it; an override should
   * return {@link #withGroups(String) withGroups(itsSettings)}.
   *
   * @return the settings, or the empty string
   */
  public String settings() {
    return withGroups("");
  }

  /**
   * Whether the optimizer climbs its objective (PyTorch's {@code maximize=True}) rather than
   * descending it: false unless an optimizer says otherwise. A loop that judges progress by a
   * falling loss ({@code Trainer}'s divergence check, early stopping, best weights) refuses one
   * that climbs.
   *
   * @return true when each step follows the gradient upwards
   */
  public boolean maximizes() {
    return maximize;
  }

  /**
   * The gradient a step follows: {@code gradient}, or its negation (a copy) when the optimizer
   * {@link #maximizes()}, as PyTorch negates it before anything reads it; negation is exact.
   *
   * @param gradient the parameter's gradient
   * @return it, or its negation
   */
  protected final Tensor directed(Tensor gradient) {
    return maximizes() ? gradient.neg() : gradient;
  }

  /**
   * {@code settings} followed by the groups' text when there are groups, as {@link #settings()}
   * ends: without groups, {@code settings} itself, so a checkpoint written before groups existed
   * records what an optimizer without groups records now.
   *
   * @param settings the optimizer's own settings, or the empty string
   * @return the settings with the groups
   */
  protected final String withGroups(String settings) {
    String text = groups.text();
    return text.isEmpty() ? settings : settings.isEmpty() ? text : settings + ", " + text;
  }

  /**
   * The kind, the learning rate and the settings: {@code Sgd(lr=0.1, momentum=0.9,
   * weightDecay=0.0)}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    String settings = settings();
    return kind() + "(lr=" + learningRate + (settings.isEmpty() ? "" : ", " + settings) + ")";
  }

  /**
   * The optimizer's name in messages and checkpoints, which record whose state they hold: its
   * class's simple name ({@code Adam}), or for an anonymous class, which has none, its full name
   * ({@code com.example.Train$1}), which tells two such optimizers apart.
   *
   * @return the name
   */
  public final String kind() {
    return TypeNames.of(getClass());
  }

  /**
   * Applies one update to every parameter that has a gradient, then counts the step. The gradient
   * is read, never changed; the parameter's value changes in place. The checks below run before
   * the first update. With updates in backward ({@link #updateInBackward()}), each pass that
   * updated ran them before its first update, and this step runs them again only before a
   * gradient it still has to apply (a step with none left updates nothing and checks nothing):
   * never on an earlier pass's word, since the settings and the model's types may change between
   * passes.
   *
   * @throws StepRefusedException when the current settings cannot give a meaningful update (see
   *     {@link #checkStep()})
   * @throws IllegalStateException when a parameter's type no longer matches its state's (the
   *     model was converted after the first step); then nothing has changed
   */
  public final void step() {
    updates.step();
    steps++;
  }

  /**
   * Has every backward pass update the parameters as soon as their gradients are complete,
   * keeping none (see {@link BackwardUpdate}); {@link #step()} still ends each step, counting it.
   * What reads gradients between backward and the step (clipping, a gradient norm) then has none
   * to read, and {@link GradientClipping} refuses these parameters. Updates that wait for the end
   * of the pass run in this optimizer's parameter order, as {@link #step()} runs them, so two
   * parameters on one tensor end where a step leaves them (for two optimizers over one tensor,
   * in the order they called this method). An update of the form θ ← β·θ + α·g ({@link Sgd}
   * without momentum; on a float32 parameter, without weight decay too) goes into the product
   * that computes a dense layer's weight gradient, when nothing else reads that weight.
   *
   * @return a handle whose {@code remove()} goes back to updating in {@link #step()}
   * @throws IllegalStateException when a parameter holds a gradient (zero them first) or has an
   *     update in backward already; then none is registered
   */
  public final HookHandle updateInBackward() {
    return BackwardSteps.register(updates, parameters);
  }

  /**
   * Whether every parameter's update has the form θ ← β·θ + α·g at the current settings ({@link
   * Sgd} without momentum, at a rate above 0, and without weight decay on a float32 parameter,
   * whose product would round the decay factor), which {@link #updateInBackward()} computes inside
   * each dense layer's weight-gradient product instead of a pass of its own: the question a
   * trainer asks before it moves the updates into backward on its own.
   *
   * @return whether {@link #linearForm()} answers for every parameter now, with a decay factor
   *     β of 1 for each float32 one (a float32 parameter with weight decay answers false)
   */
  public final boolean updatesLinearly() {
    return updates.allLinear();
  }

  /**
   * Checks, before any parameter or state changes, that a step with the current settings (the
   * learning rate may have changed since construction) gives a meaningful update. Nothing by
   * default. What it throws reaches the caller as a {@link StepRefusedException}. It runs before
   * every step's first update and, with updates in backward, before each backward pass's first
   * update (several passes may make one step): keep it cheap.
   *
   * @throws IllegalStateException naming the settings that cannot give a meaningful update
   */
  protected void checkStep() {}

  /**
   * The update rule for one parameter: changes {@code value} in place using {@code gradient}
   * (read only) and the parameter's state, whose {@link ParameterState#step()} already counts this
   * update (1 on the first).
   *
   * @param value the parameter's value, updated in place
   * @param gradient the parameter's gradient, lent for this call ({@link Variable#borrowGrad}):
   *     read it, never keep it, since its array is reused once the gradient is zeroed
   * @param state tensors named as {@link #state()} names them
   */
  protected abstract void update(Tensor value, Tensor gradient, ParameterState state);

  /**
   * The update of the parameter being updated as θ ← β·θ + α·g, when it has that form for the
   * current settings and state, so that {@link #updateInBackward()} may compute a weight's
   * gradient product straight into it; null (the default) otherwise. It must give the update
   * {@link #update} would (up to rounding), and leave the state to {@link #update}'s count: the
   * state's step advances as for an update. Read {@link #parameterLearningRate()} and {@link
   * #parameterWeightDecay(double)} here as in {@link #update}.
   *
   * @return α and β, or null
   */
  protected BackwardUpdate.LinearForm linearForm() {
    return null;
  }

  /**
   * The learning rate of the parameter {@link #update} is updating: {@link #learningRate()} times
   * its group's {@link ParameterGroup#learningRateScale()} (1 outside groups, which gives {@link
   * #learningRate()} exactly).
   *
   * @return the parameter's learning rate
   * @throws IllegalStateException when called outside {@link #update}
   */
  protected final double parameterLearningRate() {
    return learningRate * groups.scale(updates.updating("parameterLearningRate"));
  }

  /**
   * The weight decay of the parameter {@link #update} is updating: its group's, or the
   * optimizer's own, which the caller passes since the optimizer keeps it.
   *
   * @param own the optimizer's weight decay
   * @return the parameter's weight decay
   * @throws IllegalStateException when called outside {@link #update}
   */
  protected final double parameterWeightDecay(double own) {
    return groups.weightDecay(updates.updating("parameterWeightDecay"), own);
  }

  /**
   * The names of the per-parameter buffers this optimizer keeps, in a fixed order; each is created
   * on the parameter's first update, of its type and the shape {@link #bufferShape} gives (the
   * parameter's, unless overridden), filled with {@link #initialValue}.
   * Must not change after construction. The names are distinct and non-empty, and none is {@code
   * "step"}, the name {@link #state()} gives each parameter's update count ({@link
   * ParameterState#step()} keeps it; a PyTorch optimizer's per-parameter {@code state["step"]} is
   * that count): a step, {@link #state()} or {@link #loadState} refuses names that break these
   * rules.
   *
   * @return the names of the buffers each parameter's state keeps, in order
   */
  protected abstract List<String> bufferNames();

  /**
   * The value every element of a buffer starts at: 0 unless overridden (Adagrad's {@code
   * initial_accumulator_value}). PyTorch makes such state when the optimizer is built; made on
   * the first update instead, it is the same state that update starts from.
   *
   * @param buffer one of {@link #bufferNames()}
   * @return the buffer's starting value
   */
  protected double initialValue(String buffer) {
    return 0;
  }

  /**
   * The shape of {@code buffer} for a parameter of shape {@code parameter}: the parameter's own
   * unless overridden. An optimizer that keeps less than a copy of the parameter per buffer
   * overrides it: Adafactor's factored second moment keeps, for an [m, n] weight, a row of m
   * sums and a column of n ({@code [m]} and {@code [n]}), and a scalar statistic per parameter is
   * {@code Shape.of()}. Called with each parameter's shape when its state is made and when a
   * state is loaded, which refuses a buffer of another shape, naming both; it must answer the
   * same for the same arguments ({@link #state()} refuses a buffer kept in a shape it no longer
   * answers, which would not load back).
   *
   * @param buffer one of {@link #bufferNames()}
   * @param parameter the shape of the parameter whose state holds the buffer
   * @return the buffer's shape, not null
   */
  protected Shape bufferShape(String buffer, Shape parameter) {
    return parameter;
  }

  /**
   * Forgets every parameter's gradient; call it before each backward pass. A parameter the next
   * loss does not reach then has no gradient, and {@link #step()} leaves it and its state alone:
   * PyTorch's {@code zero_grad(set_to_none=True)}, its default from 2.0 (1.13's default zeros
   * would still move it by momentum or weight decay).
   */
  public final void zeroGrad() {
    for (int i = 0; i < parameters.size(); i++) {
      parameters.get(i).zeroGrad();
    }
  }

  /**
   * The parameters, in the order given at construction (the indices in state keys).
   *
   * @return the parameters, in order
   */
  public final List<Variable> parameters() {
    return parameters;
  }

  /**
   * Whether this optimizer updates at least one of the model's parameters: one built for another
   * model (or for a copy of this one) steps without error and trains nothing, and its state saved
   * or loaded beside this model would belong to other parameters. Compared by identity, since
   * equal values are not the same parameter.
   *
   * @param model the model
   * @return true when some parameter of the model is one of this optimizer's
   */
  public final boolean updatesAnyOf(Module model) {
    return ParameterList.anyOf(parameters, model);
  }

  /**
   * The parameter groups, as given at construction.
   *
   * @return the groups, empty without
   */
  public final List<ParameterGroup> groups() {
    return groups.groups();
  }

  /** The groups resolved to parameter indices, for the optimizers' own checks. */
  final ParameterGroups parameterGroups() {
    return groups;
  }

  /**
   * The current learning rate η, the optimizer's: a parameter group's is this times its scale
   * (see {@link #parameterLearningRate()}).
   *
   * @return the learning rate of the next step
   */
  public final double learningRate() {
    return learningRate;
  }

  /**
   * The rate schedules scale: the one this optimizer was built with, or, after {@link
   * #loadState}, the saved optimizer's (a resumed run's schedule goes on from the rate it
   * started with, whatever rate the new optimizer was built with), or one set by {@link
   * #setInitialLearningRate}.
   *
   * @return the base rate of schedules
   */
  public final double initialLearningRate() {
    return initialLearningRate;
  }

  /**
   * Sets the learning rate for the following steps (finite and non-negative).
   *
   * @param rate the learning rate η, finite and at least 0 (0 freezes the parameters)
   */
  public final void setLearningRate(double rate) {
    this.learningRate = Hyperparameters.learningRate(kind(), rate);
  }

  /**
   * Sets the rate schedules scale from now on ({@link #initialLearningRate()}), as a resumed run
   * that fine-tunes at another rate needs; the current rate stays until set or scheduled.
   *
   * @param rate the base rate, finite and at least 0
   */
  public final void setInitialLearningRate(double rate) {
    this.initialLearningRate = Hyperparameters.learningRate(kind(), rate);
  }

  /**
   * The number of {@link #step()} calls so far.
   *
   * @return steps taken so far
   */
  public final long stepCount() {
    return steps;
  }

  /**
   * The optimizer's state as named tensors (see the class comment for the keys), as copies: an
   * unmodifiable, ordered map the caller may keep or write to a checkpoint.
   *
   * @return the state by name, ready for a checkpoint
   * @throws IllegalStateException when {@link #bufferShape} no longer answers the shape a kept
   *     buffer was made in
   */
  public final Map<String, Tensor> state() {
    return states.save(steps, learningRate, initialLearningRate);
  }

  /**
   * Replaces this optimizer's state with one saved by {@link #state()} from an optimizer of the
   * same kind and configuration over parameters of the same shapes. The map names neither: a state
   * whose buffers match loads (an Adam's into an AdamW, which keeps its own settings), so build
   * this optimizer as the saved one was ({@code ModelCheckpoint} saves and compares the kind and
   * settings). Every name and shape is checked before anything changes, so a rejected state
   * leaves this optimizer as it was. The tensors are copied; the map stays the caller's.
   *
   * @throws IllegalArgumentException naming the key at fault: unknown, missing, of the wrong shape,
   *     a count that is not a non-negative whole number, an accumulated square (such as {@code
   *     exp_avg_sq}) with a negative or NaN element, a buffer named as a built-in optimizer's with
   *     an element that is not finite, any buffer's float64 element beyond float32's range for
   *     a float32 parameter, or a buffer other than its initial value beside a step of 0
   * @param state tensors named as {@link #state()} names them
   */
  public final void loadState(Map<String, Tensor> state) {
    OptimizerState.Loaded loaded = states.load(state);
    steps = loaded.steps();
    learningRate = loaded.learningRate();
    if (!Double.isNaN(loaded.initialLearningRate())) {
      initialLearningRate = loaded.initialLearningRate();
    }
  }

  /**
   * L2 regularisation as PyTorch applies it: g + λθ, the gradient of f(θ) + (λ/2)‖θ‖². Returns
   * {@code gradient} itself when λ = 0, so callers only read the result.
   *
   * @param gradient the parameter's gradient
   * @param value the parameter's value θ, read only
   * @param weightDecay λ; 0 leaves the gradient as it is
   * @return g + λθ, or {@code gradient} itself when λ is 0
   */
  protected static Tensor withWeightDecay(Tensor gradient, Tensor value, double weightDecay) {
    return weightDecay == 0 ? gradient : gradient.add(value.mul(weightDecay));
  }
}
