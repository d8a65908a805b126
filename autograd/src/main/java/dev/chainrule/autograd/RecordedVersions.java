package dev.chainrule.autograd;

import dev.chainrule.core.Tensor;

/**
 * The versions an {@link OpContext} notes of the values its rule may read, taken as the op runs
 * and compared once its forward has returned. Functions of the context's arrays rather than an
 * object of their own, so that a context allocates what it did: an int per input and, only when
 * some input's value was ever replaced, a long per input.
 */
final class RecordedVersions {
  private RecordedVersions() {}

  /** Each input's tensor version now. */
  static int[] of(Variable[] inputs) {
    int[] versions = new int[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      versions[i] = inputs[i].value().version();
    }
    return versions;
  }

  /**
   * Each input's value generation ({@link Variable#valueGeneration}) now, or null when all are 0,
   * as almost always: an array an op of plain variables need not allocate.
   */
  static long[] generationsOf(Variable[] inputs) {
    long[] generations = null;
    for (int i = 0; i < inputs.length; i++) {
      long generation = inputs[i].valueGeneration();
      if (generation != 0) {
        generations = generations != null ? generations : new long[inputs.length];
        generations[i] = generation;
      }
    }
    return generations;
  }

  /**
   * The saved tensors' versions now if the forward changed one after saving it (so that the
   * message blames the forward), else null, as nearly always. Not refused: a rule that never
   * reads that tensor is not wrong. A loop over the few saved versions, which allocates nothing
   * unless the forward changed one.
   */
  static int[] changedByForward(Tensor[] saved, int[] savedVersions) {
    for (int i = 0; i < saved.length; i++) {
      if (saved[i].version() != savedVersions[i]) {
        int[] now = new int[saved.length];
        for (int j = 0; j < saved.length; j++) {
          now[j] = saved[j].version();
        }
        return now;
      }
    }
    return null;
  }

  /**
   * Refuses a forward that changed one of its inputs in place: the caller's value is then
   * silently changed, and the rule, which reads the input, would blame a change "after the
   * forward pass" that the op made itself.
   */
  static void checkInputsKept(Op op, Variable[] inputs, int[] versions) {
    for (int i = 0; i < inputs.length; i++) {
      Tensor value = inputs[i].value();
      if (value.version() != versions[i]) {
        throw OpContextErrors.forwardChangedInput(op.name(), i, value, versions[i]);
      }
    }
  }
}
