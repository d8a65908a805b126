package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Strings.lenientFormat;

import dev.chainrule.autograd.HookHandle;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A piece of a network: ordered, named parameters, buffers (state that is saved but not trained,
 * such as batch normalization's running statistics), ordered child modules, a forward
 * computation, and a training/evaluation flag. Custom architectures are subclasses that register
 * their parameters, buffers and children in the constructor and compose them in
 * {@link #forward}.
 *
 * <p>Parameter and buffer names are dotted paths through the children, in registration order: a
 * {@code Dense} registered as {@code "hidden"} contributes {@code hidden.weight} and
 * {@code hidden.bias}. These are the names checkpoints use, PyTorch's {@code state_dict} names.
 *
 * <p>A module may be registered more than once (one {@code Dense} at two places of a {@code
 * Sequential}: tied weights). As in PyTorch, the parameter and buffer listings then name each
 * shared parameter once, under the first path that reaches it, so that it is counted, clipped
 * and updated once per step; {@link #stateDict()} and {@link #namedParameters(boolean)} keep every
 * path, as PyTorch's {@code state_dict} does. Layers of different kinds tie one parameter the
 * same way: {@link #registerParameter(String, Variable)}, as {@link Dense#sharing} shares an
 * {@link Embedding}'s table with an output projection.
 *
 * <p>Threads: a module trains on one thread at a time, since a step changes its parameters,
 * gradients and buffers in place. Once trained, one module may serve forward passes on several
 * threads at once under {@link EvaluationMode#run} (or {@code Autograd.noGrad()} in evaluation
 * mode), which read it only: the evaluation mode is the calling thread's, and graphs, recording
 * and recycling are each thread's own. Changing the module (a step, {@link #to}, {@link #train})
 * while another thread reads it is not safe.
 */
public abstract class Module implements Layer {
  private final ModuleRegistry registry = new ModuleRegistry(this);
  private final ForwardValueCache forwardValues = new ForwardValueCache(this);
  private boolean training = true;
  /**
   * The forward hooks, or null (all {@link #call} tests when there are none). Volatile:
   * registered under a lock, read by calls without it, on any thread.
   */
  private volatile ForwardHooks forwardHooks;

  /**
   * A module in training mode with nothing registered yet; a subclass's constructor registers its
   * parameters, buffers and submodules.
   */
  // The registry and the forward-value cache are given `this` before a subclass's constructor
  // has run, which JDK 21+ reports as a this-escape. Harmless: their constructors only store it,
  // and nothing calls back into the module until the constructor returns.
  @SuppressWarnings("this-escape")
  protected Module() {}

  /**
   * The module's output for a batch of inputs (rows are samples).
   *
   * @param input [batch, features]
   * @return the output, a graph node when recording
   */
  @Override
  public abstract Variable forward(Variable input);

  /**
   * Whether this module, apart from its children, may hold on to a tensor made during its forward
   * pass once the pass is over: in a field, a cache, a list for later. Any module is assumed to,
   * unless it overrides this to return false, which promises it never does (the answer must not
   * change: it is asked once per tree, and again only after some module gains a child). The
   * built-in modules hold parameters, buffers and settings only (BatchNorm's new running
   * statistics are tensors of their own, not values of the graph), and the layers a container
   * wraps are its children.
   *
   * @return whether a value of this module's forward may outlive the pass in it
   */
  protected boolean keepsForwardValues() {
    return !ForwardValueCache.isBuiltInKeepingNone(getClass());
  }

  /**
   * Whether neither this module nor any module under it holds on to a tensor made during the
   * forward pass once it is over ({@link #keepsForwardValues}). Then a trainer, which holds the
   * step's other values itself, may hand the arrays of the step's activations back for the next
   * step to write into, instead of making fresh ones; and a {@code Sequential} may promise the
   * graph the activations between its layers.
   *
   * @return whether no module of this tree keeps a forward value
   */
  public final boolean keepsNoForwardValues() {
    return forwardValues.keepsNoForwardValues();
  }

  /**
   * Whether this module, apart from its children, evaluates rows independently: in evaluation mode,
   * each row of its output (along axis 0) depends on the same row of its input alone, and never on
   * the other rows of the batch or on how many there are, so the rows may be run in any grouping
   * and give the same values up to rounding: a matrix product's kernel is chosen by the shape, so a
   * row's sums may be added in another order in a batch of another size (outputs a few ulps of the
   * largest output apart, about 5e-7 of it in float32 and 1e-15 in float64 in a 784-256-10 network,
   * which is thousands of ulps of an output near 0, whose sum cancels). A module is assumed not to,
   * unless it overrides this to return true: a forward of one's own may mix rows (a batch
   * statistic, a softmax over axis 0), and running it on parts of a batch would silently change its
   * answers. The built-in layers say so but for those whose evaluation reads the batch or its axis
   * 0: a batch normalization without running statistics (which normalizes with the batch's in
   * evaluation too), a {@link Flatten} or {@link Unflatten} of axis 0, a softmax over axis 0; an
   * {@link Activation} or {@link Layer} of one's own in a {@link Sequential} is assumed to mix
   * rows. The answer must not change while an evaluation runs.
   *
   * @return whether this module's own computation is row by row in evaluation mode
   */
  protected boolean evaluatesRowsAlone() {
    return false;
  }

  /**
   * Whether this whole tree evaluates rows independently: this module and every module under it
   * {@linkplain #evaluatesRowsAlone evaluate rows alone}, and none has a forward hook other than an
   * {@linkplain ForwardHook#observer observer} (code of one's own that may replace an output with
   * one that mixes rows). Then, in evaluation mode, given a batch along axis 0 (not a single
   * unbatched example, such as a [C, H, W] image for a convolution), each row's output depends on
   * that row alone, so a batch may be run in parts of any size and their outputs joined along axis
   * 0, with the values one call on the whole batch gives up to rounding (a product's summation
   * order follows the batch's size): how evaluation keeps a large data set's activations from being
   * held all at once. When false, the batch has to go through in one call.
   *
   * @return whether the tree's evaluation output for a row depends on that row alone
   */
  public final boolean evaluatesRowsIndependently() {
    return evaluatesRowsAlone() && (forwardHooks == null || forwardHooks.onlyObserve())
        && children().values().stream().allMatch(Module::evaluatesRowsIndependently);
  }

  /**
   * Runs {@link #forward} as a container runs a child: PyTorch's {@code module(x)}. The built-in
   * containers call their children through it (a {@code Sequential} runs a Dense layer and the
   * activation it fuses together, and records both outputs itself), so that {@link #summary}
   * sees every layer's output; a custom module that calls its children this way shows their
   * shapes in its summary too. The module's {@linkplain #registerForwardHook forward hooks}
   * run here, and not when {@code forward} is called directly (as in PyTorch).
   *
   * @param input the input batch
   * @return the module's output
   * @throws NullPointerException naming the module when its forward returned null (the next
   *     layer would be blamed for a null input)
   */
  public final Variable call(Variable input) {
    Variable output;
    try {
      output = forward(input);
      if (output == null) {
        throw new NullPointerException(describe() + ": forward returned null");
      }
      ForwardHooks hooks = forwardHooks;
      if (hooks != null) {
        output = hooks.run(this, input, output);
      }
    } catch (RuntimeException e) {
      Summary.failed(this, input, e);  // where a summary's pass failed, if one runs
      throw e;
    }
    Summary.record(this, output);
    return output;
  }

  /**
   * Registers a hook called after each {@link #call} of this module with the module, its input
   * and its output: PyTorch's {@code register_forward_hook}. What the hook returns is the output
   * from then on (the output itself, or a replacement of its shape and type); several hooks run
   * in registration order, each on the previous one's result. Containers run their children
   * through {@code call}, so a hook on every child of a {@code Sequential} sees every layer's
   * output; a trainer runs the model through {@code call} too. A summary's pass on zeros runs
   * them, and so does a {@link TracelessPass} (a trainer's look at the untrained model), which
   * a collecting hook can skip by testing {@link TracelessPass#running()}.
   *
   * <pre>{@code
   * layer.registerForwardHook(ForwardHook.observer((m, in, out) -> outputs.add(out.value())));
   * }</pre>
   *
   * @param hook the function of the call; see {@link ForwardHook}
   * @return a handle whose {@code remove()} unregisters the hook
   */
  public final HookHandle registerForwardHook(ForwardHook hook) {
    return ForwardHooks.register(this, hook);
  }

  /**
   * Whether forward hooks are registered on this module itself (not counting its children's).
   *
   * @return whether {@link #call} runs hooks of this module
   */
  public final boolean hasForwardHooks() {
    return forwardHooks != null;
  }

  /** The forward hooks {@link #call} runs, or null. */
  final ForwardHooks forwardHooks() { return forwardHooks; }

  final void setForwardHooks(ForwardHooks hooks) { forwardHooks = hooks; }

  /**
   * Registers a trainable parameter under a local name and returns it.
   *
   * @param name the local name, non-empty and without dots
   * @param value the initial value
   * @return the parameter
   */
  protected final Variable registerParameter(String name, Tensor value) {
    return registry.addParameter(name, value);
  }

  /**
   * Registers an existing parameter under a local name: weight tying, PyTorch's {@code
   * out.weight = emb.weight}. The parameter is listed once (by {@link #parameters()}, so an
   * optimizer steps it once), under the first path that reaches it, and checkpoints hold it under
   * every path, as a {@code state_dict} does.
   *
   * @param name the local name, non-empty and without dots
   * @param parameter a parameter: a leaf variable that requires a gradient
   * @return {@code parameter}
   * @throws IllegalArgumentException when the name is taken or the variable is not a parameter
   *     (a constant, or a value computed from a parameter, such as its transpose)
   */
  protected final Variable registerParameter(String name, Variable parameter) {
    return registry.addParameter(name, parameter);
  }

  /**
   * Registers a child module under a local name and returns it.
   *
   * @param <M> the child's type
   * @param name the local name, non-empty and without dots
   * @param module the child
   * @return {@code module}
   */
  protected final <M extends Module> M registerModule(String name, M module) {
    registry.addChild(name, module);
    return module;
  }

  /**
   * Registers a buffer: a tensor the module keeps and updates itself (in place, or by
   * {@link #setBuffer}), saved in checkpoints and converted by {@link #to} but never trained.
   *
   * @param name the local name, non-empty and without dots
   * @param value the initial value, owned by the module from now on: read it back with {@link
   *     #buffer} rather than keeping it in a field, since {@link #to} replaces it with a
   *     converted copy (and refuses a field that holds it)
   */
  protected final void registerBuffer(String name, Tensor value) {
    registry.addBuffer(name, value);
  }

  /**
   * Registers a buffer that is saved ({@code persistent}) or not: PyTorch's {@code
   * register_buffer(name, value, persistent=False)}, for a constant the module builds itself (a
   * causal mask, a table of positional encodings). A buffer that is not persistent is converted by
   * {@link #to} and listed by {@link #namedBuffers()}, but left out of {@link #stateDict()}, so
   * checkpoints neither write it nor expect it: a file PyTorch saved from a model with such a
   * buffer loads, which a buffer registered as persistent refused as missing.
   *
   * @param name the local name, non-empty and without dots
   * @param value the initial value, owned by the module from now on (see {@link
   *     #registerBuffer(String, Tensor)})
   * @param persistent whether {@link #stateDict()} and so checkpoints hold it
   */
  protected final void registerBuffer(String name, Tensor value, boolean persistent) {
    registry.addBuffer(name, value, persistent);
  }

  /**
   * Registers a counter: a float64 scalar buffer starting at 0 that holds a whole number, such
   * as batch normalization's {@code num_batches_tracked}. {@link #to} leaves it float64 (exact to
   * 2^53), and checkpoints store it as a 64-bit integer, as PyTorch does.
   *
   * @param name the local name, non-empty and without dots
   */
  protected final void registerCounter(String name) {
    registry.addCounter(name);
  }

  /**
   * The current value of one of this module's own buffers.
   *
   * @param name the local name it was registered under
   * @return its value (the module's own tensor: update it only in place, or through setBuffer)
   */
  protected final Tensor buffer(String name) {
    return registry.buffer(name);
  }

  /**
   * Overwrites one of this module's own buffers, in place, with a value of the same shape
   * (converted to the buffer's type). In place, as PyTorch updates its running statistics: a
   * {@link #stateDict()} taken earlier holds the buffer itself, as it holds the parameters' values,
   * so it never pairs this step's weights with an earlier step's statistics.
   *
   * @param name the local name it was registered under
   * @param value the new value
   */
  protected final void setBuffer(String name, Tensor value) {
    registry.setBuffer(name, value);
  }

  /**
   * Every parameter, own first, then each child's, in registration order; a parameter shared by
   * several children once, at its first place.
   *
   * @return the parameters, each once
   */
  public final List<Variable> parameters() {
    return List.copyOf(namedParameters().values());
  }

  /**
   * Throws when a module of this tree holds, in a field, a layer with state (parameters,
   * buffers, a {@code Dropout} under it) or a parameter that the tree does not register. PyTorch
   * registers whatever is assigned to a module's attribute; Java cannot, so a layer assigned
   * without {@link #registerModule} would never train, be saved or be converted, and a {@code
   * Dropout} so held would still drop under {@link #eval()}, all silently. Optimizers built from
   * a module and trainers check this; a field marked {@code transient} is left out on purpose,
   * and a module that is part of a larger one is judged by its root's check. A layer another
   * model registers passes (a teacher's {@code Dense}); a model that nothing registers does not,
   * even a whole other model (a teacher {@code Sequential}). A variable that an anonymous or local
   * module class captures (a layer its {@code forward} uses) counts as one of its fields, and has
   * no transient opt-out: an anonymous student capturing an unregistered teacher registers it
   * (an optimizer built over the student's own part then leaves it as it is) or becomes a named
   * class with a transient field. Only users' classes are read, and only fields the JVM opens to
   * this library; in each field what it holds is read too, at any depth: the elements of arrays
   * and of the JDK's own collections and maps (their values; {@code ArrayList}, {@code List.of},
   * {@code HashMap}, {@code Collections.unmodifiableList}, ...) and of Guava's immutable ones,
   * what an {@code Optional} or a record holds, and what a lambda, a method reference or an
   * anonymous or local class captured, each named by its place ({@code Net.parts.norm}, {@code
   * Net.blocks[1][0]}, {@code Net.maybe (in an Optional)}, {@code Net.fn (captured by a
   * lambda)}); not plain objects of users' classes, nor the JDK's other classes, nor a collection
   * of any other class (a lazy view such as Guava's {@code Lists.transform}, a subclass of {@code
   * ArrayList}), whose iteration would run its author's code, and within bounds that keep the
   * check cheap (see {@code HeldValues}).
   *
   * @throws IllegalStateException naming each field, what it holds, and how to register it
   */
  public final void checkRegistered() {
    UnregisteredFields.check(this);
  }


  /**
   * Every parameter by dotted path, in the same order as {@link #parameters()}: a shared
   * parameter once, under its first path (PyTorch's {@code named_parameters()}).
   *
   * @return the parameters by name, unmodifiable
   */
  public final Map<String, Variable> namedParameters() {
    return namedParameters(true);
  }

  /**
   * Every parameter by dotted path, own first, then each child's, in registration order;
   * PyTorch's {@code named_parameters(remove_duplicate=...)}.
   *
   * @param removeDuplicates whether a parameter reached by several paths appears once, under the
   *     first ({@link #namedParameters()}), or under every path, as {@link #stateDict()} names it
   * @return the parameters by name, unmodifiable
   */
  public final Map<String, Variable> namedParameters(boolean removeDuplicates) {
    return registry.parameterPaths(removeDuplicates);
  }

  /**
   * Every buffer by dotted path: own first, then each child's, in registration order; a buffer
   * of a module registered at several places once, under its first path (PyTorch's {@code
   * named_buffers()}). The tensors are the modules' own: copy one before changing it.
   *
   * @return the buffers by name, unmodifiable
   */
  public final Map<String, Tensor> namedBuffers() {
    return registry.bufferPaths();
  }

  /**
   * The dotted paths of the buffers that are counters (whole numbers that checkpoints store as
   * 64-bit integers, as PyTorch does): every path, as {@link #stateDict()} names them, a counter
   * of a module registered twice under both.
   *
   * @return the counters' names, in the order of {@link #stateDict()}
   */
  public final Set<String> counterNames() {
    return registry.counterPaths();
  }

  /**
   * Everything a checkpoint holds of this module, PyTorch's {@code state_dict}: module by
   * module, its parameters then its buffers (the persistent ones: {@link #registerBuffer(String,
   * Tensor, boolean)}), then its children's, each under its dotted path. A
   * module registered at several places appears under each path, as in PyTorch (so a file of a
   * model with tied weights loads in PyTorch into the same model); the values are the same
   * tensors.
   *
   * <p>The tensors are the module's own, as in PyTorch: they change as the model trains (an
   * optimizer's step, a batch normalization's running statistics). Copy them to keep a snapshot.
   *
   * @return parameter values and buffers by name, unmodifiable
   */
  public final Map<String, Tensor> stateDict() {
    return registry.state();
  }

  /**
   * Overwrites one buffer, by dotted path, with a value of its shape (converted to its type): how
   * a checkpoint's running statistics are loaded.
   *
   * @param path the buffer's dotted path, as {@link #namedBuffers()} names it
   * @param value the new value
   * @throws IllegalArgumentException naming the path when it leads to no buffer (a parameter, a
   *     module, nothing), or when the value's shape is not the buffer's
   */
  public final void loadBuffer(String path, Tensor value) {
    registry.loadBuffer(path, value);
  }

  /**
   * The child modules by local name, in registration order.
   *
   * @return the children, unmodifiable
   */
  public final Map<String, Module> children() {
    return registry.children();
  }

  /**
   * This module and every module below it by dotted path, this one first under {@code ""}, then
   * depth first in registration order: PyTorch's {@code named_modules()}, for walking the tree
   * (initializing every {@code Dense} one's own way, finding every {@code Dropout}). A module
   * registered at several places is listed once, under its first path, as PyTorch lists it.
   *
   * @return the modules by path, unmodifiable
   */
  public final Map<String, Module> namedModules() {
    return registry.modulePaths();
  }

  /**
   * Total number of parameter scalars, frozen ones included, a shared parameter counted once.
   *
   * @return the count
   */
  public final long parameterCount() {
    // Each tensor holds at most 2^31 - 1 elements; a model's sum of them need not.
    return parameters().stream().mapToLong(p -> p.value().size()).sum();
  }

  /** The scalars of {@link #parameterCount()} in frozen parameters ({@link #requiresGrad}). */
  final long frozenParameterCount() {
    return parameters().stream().filter(p -> !p.requiresGrad())
        .mapToLong(p -> p.value().size()).sum();
  }

  /**
   * Freezes every parameter of this module and its children ({@code false}) or makes them all
   * trainable again ({@code true}), PyTorch's {@code module.requires_grad_(flag)}: the way to
   * fine-tune part of a model, or to train a head over a fixed, pretrained body. A frozen
   * parameter gets no gradient, so no optimizer step moves it (see {@link
   * Variable#requiresGrad(boolean)}), and it stays registered: saved, loaded and converted with
   * the model, counted by {@link #parameterCount()} and shown as frozen in {@link #toString()}
   * and {@link #summary}. Freezing is not evaluation mode: a frozen batch normalization still
   * updates its running statistics in training mode, as in PyTorch; call {@link #eval()} on it
   * too to keep those fixed. A parameter shared with another module (a tied weight) is one
   * variable: frozen through either module, it is frozen in both, as PyTorch's one tensor is.
   *
   * <pre>{@code
   * model.body.requiresGrad(false);  // only the head trains
   * }</pre>
   *
   * @param flag whether backward computes gradients for this module's parameters
   * @return this module
   */
  public Module requiresGrad(boolean flag) {
    parameters().forEach(p -> p.requiresGrad(flag));
    return this;
  }

  /**
   * Puts this module and its children in training mode (the default).
   *
   * @return this module
   */
  public Module train() {
    training = true;
    // Through each child's own train(), as PyTorch's Module.train calls its children's: a
    // module that overrides it to keep a part frozen (a batch normalization in evaluation mode)
    // stays frozen when its parent is put in training mode.
    children().values().forEach(Module::train);
    return this;
  }

  /**
   * Puts this module and its children in evaluation mode, through each child's own {@code
   * eval()}.
   *
   * @return this module
   */
  public Module eval() {
    training = false;
    children().values().forEach(Module::eval);
    return this;
  }

  /**
   * Whether the module acts in training mode: its own mode, except on a thread inside {@link
   * EvaluationMode#run}, where every module acts in evaluation mode.
   *
   * @return true after {@link #train()}, false after {@link #eval()} or during an evaluation
   */
  public boolean isTraining() {
    return training && !EvaluationMode.isActive();
  }

  /**
   * Converts every parameter, its gradient, and every buffer (counters apart) to {@code dtype} in
   * place (float64 → float32 rounds each value) and returns this module: PyTorch's {@code
   * module.to(dtype)}. Layers compute in their parameters' type, so a float32 module trains in
   * float32, and refuse an input of another type (convert the data too, {@code x.to(dtype)}, as
   * in PyTorch). Make the optimizer afterwards; its state takes the parameters' type when
   * created.
   *
   * <p>In place for the module: a parameter stays the same variable, but a converted buffer is a
   * new tensor registered in the old one's place (a tensor's type is fixed), as PyTorch's is.
   * Read a buffer with {@link #buffer} where it is used; a field of your module that kept the
   * tensor it registered would go on with the old one, so such a field is refused, by name,
   * before anything is converted (mark it {@code transient} when your own {@code to} reads the
   * buffer back into it after {@code super.to}). A field holding the buffer within what {@link
   * #checkRegistered} opens (a record, a list, a map, an array, an {@code Optional}, a lambda's
   * captures) is refused as well, named by the buffer's place ({@code Net.stats.mean}).
   *
   * @param dtype the new element type
   * @return this module
   * @throws IllegalStateException when a field of a module of the tree holds a buffer that the
   *     conversion replaces
   */
  public Module to(DType dtype) {
    checkNotNull(dtype, "Module.to: dtype is null");
    HeldBuffers.check(this, dtype);
    // A module registered twice is converted twice; the second time changes nothing.
    registry.convertOwn(dtype);
    children().values().forEach(child -> child.to(dtype));
    return this;
  }

  /**
   * The parameters' element type; for a module without parameters, its buffers' (a batch
   * normalization without affine parameters, converted by {@link #to}), counters apart; FLOAT64
   * for a module with neither. A module whose parameters have different types (after converting
   * some by hand) reports the first's.
   *
   * @return the element type
   */
  public DType dtype() {
    return registry.dtype();
  }

  /** Forgets every parameter's accumulated gradient. */
  public void zeroGrad() {
    parameters().forEach(Variable::zeroGrad);
  }

  /**
   * Refuses a null input with a message naming this module, built only then: {@link #describe()}
   * costs a String, too much to pay on every forward of a small layer.
   *
   * @param x the input given to {@link #forward}
   * @return {@code x}, not null
   */
  protected final Variable requireInput(Variable x) {
    if (x == null) {
      throw new NullPointerException(describe() + ": input is null");
    }
    return x;
  }

  /**
   * Refuses an input of another element type than {@code parameter}'s, as PyTorch does. Mixed
   * types compute in the wider one, so a float32 model given float64 data would run in float64
   * without a word, at twice the memory and time, and return float64 (and a float64 model given
   * float32 data would answer in float64 what its data cannot resolve).
   *
   * @param x the input given to {@link #forward}, not null
   * @param parameter one of this module's parameters, whose type the module computes in
   */
  protected final void requireSameType(Variable x, Variable parameter) {
    requireSameType(x, parameter.dtype(), "the parameters");
  }

  /**
   * {@link #requireSameType(Variable, Variable)} against a type: a module without parameters of
   * its own computes in its buffers' (a batch normalization without affine parameters).
   *
   * @param x the input given to {@link #forward}, not null
   * @param type the type the module computes in
   * @param holder what holds that type, for the message ({@code "the running statistics"})
   */
  protected final void requireSameType(Variable x, DType type, String holder) {
    if (x.dtype() != type) {
      throw WrongInputType.of(this, x, type, holder);
    }
  }

  /**
   * The exception for an input this module cannot take, its message starting with {@link
   * #describe()}; for a check that builds the message only when it fails.
   *
   * @param template the rest of the message, with {@code %s} for each argument
   * @param args the values the message names
   * @return the exception to throw
   */
  protected final IllegalArgumentException badInput(String template, Object... args) {
    return new IllegalArgumentException(describe() + ": " + lenientFormat(template, args));
  }

  /**
   * A one-line description of this module alone, e.g. {@code Dense(4 -> 3)}.
   *
   * @return the description
   */
  protected String describe() {
    return typeName(this);
  }

  /** The class's simple name, or for an anonymous class (whose simple name is empty) its name. */
  static String typeName(Module module) {
    return typeName(module.getClass());
  }

  /** The simple name of a class, or for an anonymous one (whose simple name is empty) its name. */
  static String typeName(Class<?> type) {
    String simple = type.getSimpleName();
    return simple.isEmpty() ? type.getName() : simple;
  }

  /**
   * The architecture as a tree with parameter counts, ending with the total and the mode
   * ({@code training} or {@code evaluation}); a child whose mode differs from this module's is
   * marked.
   */
  @Override
  public String toString() {
    return ModuleTreeText.of(this);
  }

  /**
   * "training" or "evaluation".
   *
   * @return the mode's name
   */
  protected final String modeName() {
    return training ? "training" : "evaluation";
  }

  /**
   * A table of the layers this module runs, Keras' {@code summary()} or torchinfo's: each
   * layer's name, kind, output shape for an input of {@code inputShape} and parameter count, then
   * the totals. It runs one forward pass on zeros without recording, in the calling thread's
   * evaluation mode ({@link EvaluationMode#run}): no module's own mode changes.
   *
   * @param inputShape the input's shape, batch axis included (e.g. [1, 1, 28, 28])
   * @return the table; {@code toString()} prints it
   * @throws RuntimeException when the pass fails, of the failure's own class (a catch of it
   *     around the summary still works): naming the failing layer's path and input, with the
   *     table up to it. A plain {@code IllegalArgumentException} (the layer refused its input's
   *     shape), {@code IllegalStateException}, {@code NullPointerException} or {@code
   *     UnsupportedOperationException} is thrown anew with that text, the layer's own as its
   *     cause; any other class (a subclass such as autograd's {@code AnomalyException}) is the
   *     layer's exception itself, the text attached as a suppressed exception
   */
  public final Summary summary(Shape inputShape) {
    return Summary.of(this, inputShape);
  }

  /** The one-line description {@link #describe()} gives, for the summary and the tree text. */
  final String description() {
    return describe();
  }

  /** What this module registered, for its parent's walks of the tree. */
  final ModuleRegistry registry() {
    return registry;
  }
}
