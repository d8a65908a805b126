package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.core.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A pass through a model that leaves no trace: the modules act in their own modes (training mode
 * included), nothing is recorded, every buffer (running statistics, counters) is put back
 * afterwards, and every stochastic layer draws from a generator of the pass's own. What a trainer
 * needs to learn the loss a model trains at before it trains, without changing the run: a
 * dropout layer's masks drawn from its own generator advanced it, and a seeded run then differed
 * with the check on and off. The modules' {@linkplain Module#registerForwardHook forward hooks}
 * run, since a hook that changes a module's output is part of the function the pass measures;
 * a hook that collects activations skips the pass by testing {@link #running()}.
 */
public final class TracelessPass {
  /** The masks' generator while a pass runs on this thread; null otherwise. */
  private static final ThreadLocal<RandomGenerator> GENERATOR = new ThreadLocal<>();
  /** Any fixed seed: the pass's draws only have to be of the layer's distribution. */
  private static final long SEED = 0x5EED_CAFEL;

  private TracelessPass() {}

  /**
   * Runs {@code body}, which passes data through {@code model}, and leaves the model as it was.
   *
   * @param <T> what {@code body} returns
   * @param model the model whose buffers are put back
   * @param body the pass
   * @return what {@code body} returned
   */
  public static <T> T run(Module model, Supplier<T> body) {
    checkNotNull(model, "TracelessPass.run: model is null");
    checkNotNull(body, "TracelessPass.run: body is null");
    Map<String, Tensor> buffers = new LinkedHashMap<>();
    model.namedBuffers().forEach((name, t) -> buffers.put(name, t.copy()));
    RandomGenerator outer = GENERATOR.get();
    GENERATOR.set(new SplittableRandom(SEED));
    try (var scope = Autograd.noGrad()) {
      return body.get();
    } finally {
      GENERATOR.set(outer);
      buffers.forEach(model::loadBuffer);
    }
  }

  /**
   * Whether a traceless pass runs on this thread now: a forward hook that collects activations
   * returns at once then, so that it collects the run's batches and not a trainer's look at the
   * untrained model.
   *
   * @return whether a traceless pass is running on this thread
   */
  public static boolean running() {
    return GENERATOR.get() != null;
  }

  /**
   * The generator a stochastic module draws from: during a traceless pass on this thread the
   * pass's own, else the module's. A module of yours that draws (a dropout variant, noise
   * injection) draws through it, as {@link Dropout} does, so that a trainer's check before the
   * first step (the loss it starts from) does not advance the module's generator and a seeded
   * run is the same with the check or without it.
   *
   * @param own the module's own generator
   * @return the generator to draw from now
   */
  public static RandomGenerator draws(RandomGenerator own) {
    RandomGenerator pass = GENERATOR.get();
    return pass != null ? pass : checkNotNull(own, "TracelessPass.draws: generator is null");
  }
}
