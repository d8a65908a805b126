package dev.chainrule.autograd;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The registration of updates in backward on parameters ({@link Variable#updateInBackward}), as
 * {@link GradientHooks} is of hooks: what a registration checks, under the parameter's lock, and
 * how many variables hold an update now, in any thread. The update itself is the parameter's
 * field, which passes read without the lock once per leaf.
 */
final class BackwardUpdates {
  /**
   * How many variables hold a {@link BackwardUpdate} now, in any thread: while none does, a pass
   * skips its search for parameters whose update may go inside a product.
   */
  private static final AtomicInteger HELD = new AtomicInteger();
  /**
   * Numbers the registrations, in any thread: a pass applies the updates it holds until its end
   * in this order ({@link PendingUpdates}), which for one optimizer's is its parameters'.
   */
  private static final AtomicLong REGISTERED = new AtomicLong();

  private BackwardUpdates() {}

  /** {@link Variable#updateInBackward}: registers {@code update} on {@code parameter}. */
  static HookHandle register(Variable parameter, BackwardUpdate update) {
    checkNotNull(update, "updateInBackward: update is null");
    synchronized (parameter) {
      // A frozen parameter may carry one: it runs once the parameter is unfrozen.
      checkState(parameter.isParameter(), "updateInBackward: %s is not a parameter (a leaf"
          + " made by Variable.parameter); only a parameter is updated", parameter.opName());
      checkState(parameter.backwardUpdate() == null, "updateInBackward: %s has an update in"
          + " backward already; remove it first (a second would update the parameter twice a"
          + " pass)", parameter.describe() + " " + parameter.shape());
      checkState(parameter.borrowGrad() == null, "updateInBackward: %s holds a gradient of an"
          + " earlier pass, which the update would never read; zero it first (zeroGrad)",
          parameter.describe() + " " + parameter.shape());
      parameter.setBackwardUpdate(update, REGISTERED.incrementAndGet());
      HELD.incrementAndGet();
    }
    return () -> {
      synchronized (parameter) {
        if (parameter.backwardUpdate() == update) {
          parameter.setBackwardUpdate(null, 0);
          HELD.decrementAndGet();
        }
      }
    };
  }

  /** Whether any variable holds a {@link BackwardUpdate} now. */
  static boolean any() {
    return HELD.get() > 0;
  }
}
