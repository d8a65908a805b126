package dev.chainrule.optim.model;

import static dev.chainrule.optim.model.UntrainedClassCausesTest.NAMES;
import static dev.chainrule.optim.model.UntrainedClassCausesTest.SEED;
import static dev.chainrule.optim.model.UntrainedClassCausesTest.ownFiles;
import static dev.chainrule.optim.model.UntrainedClassCausesTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Edges of HeldOutRows that mutation testing found unpinned: the refusal of a share that leaves
 * too few rows to train on (its message could be emptied), a class missing at index 0 (the
 * check that an index is a class could start at 1), and a class count of 0 (which could be
 * refused as negative).
 */
class HeldOutRowsEdgesTest {
  /** {@code n} rows cycling through {@code cycle}, then {@code extra}. */
  private static int[] cycling(int n, int[] cycle, int... extra) {
    int[] classes = new int[n + extra.length];
    Arrays.setAll(classes, i -> i < n ? cycle[i % cycle.length] : extra[i - n]);
    return classes;
  }

  @Test
  void aShareLeavingTooFewRowsIsRefusedNamingIt() {
    // 16 rows of a and 16 of b: each class holds out round(0.97 · 16) = 16, leaving none.
    Problem problem = ownFiles(rows(cycling(32, new int[] {0, 1})));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HeldOutRows.of(problem, new Validation(0.97, 0), SEED));
    assertEquals("--validation 0.97 leaves 0 of the 32 training rows to train on, and at least 2"
        + " are needed; give a smaller fraction", e.getMessage());
  }

  @Test
  void aMissingFirstClassIsBlamedOnTheValidationShare() {
    // a (index 0) has one row, which a share of 0.5 holds out; d has none at all.
    Problem problem = ownFiles(rows(cycling(20, new int[] {1, 2}, 0)));
    HeldOutRows held = HeldOutRows.of(problem, new Validation(0.5, 0), SEED);
    assertEquals(List.of(0, 3), held.classesNotTrained(NAMES.size()), "the premise");
    assertEquals(List.of("class a has no training row: the --validation split sent all its rows"
        + " to the validation rows, so the network cannot learn it", "class d has no training"
        + " row: the training data (with --limit, its first rows) holds none, so the network"
        + " cannot learn it"), held.untrainedClassWarnings(problem));
  }

  @Test
  void aCountOfNoClassesIsNotRefusedAsNegative() {
    HeldOutRows held = HeldOutRows.of(ownFiles(rows(1, 0, 1, 0)), Validation.NONE, SEED);
    // Zero classes is a count; the rows' classes are what lie beyond it.
    assertEquals("classesNotTrained: training row 0 has class 1, beyond the 0 classes given",
        assertThrows(IllegalArgumentException.class, () -> held.classesNotTrained(0))
            .getMessage());
    assertEquals("classesNotTrained: the class count must not be negative, got -1",
        assertThrows(IllegalArgumentException.class, () -> held.classesNotTrained(-1))
            .getMessage());
  }
}
