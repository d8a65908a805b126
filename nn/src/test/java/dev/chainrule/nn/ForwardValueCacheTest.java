package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import org.junit.jupiter.api.Test;

/**
 * The kept answer to {@link Module#keepsNoForwardValues}: asked on every forward pass of a
 * Sequential, it walks the tree only when some module gained a child since it was given, and
 * never outlives that change.
 */
class ForwardValueCacheTest {

  /** A module of one's own that counts how often it is asked, and may gain a child later. */
  private static final class Asked extends Module {
    private final boolean keeps;
    int asked;

    Asked(boolean keeps) {
      this.keeps = keeps;
    }

    @Override
    public Variable forward(Variable input) {
      return input;
    }

    @Override
    protected boolean keepsForwardValues() {
      asked++;
      return keeps;
    }

    void grow(Module child) {
      registerModule("child" + children().size(), child);
    }
  }

  @Test
  void theAnswerIsKeptUntilTheTreeChanges() {
    for (boolean keeps : new boolean[] {false, true}) {
      Asked asked = new Asked(keeps);
      Sequential model = Sequential.of(Dense.of(3, 3, 1), asked);
      int before = asked.asked;
      assertEquals(!keeps, model.keepsNoForwardValues());
      assertEquals(before + 1, asked.asked, "the first answer walks the tree");
      // Kept, whichever it is: the walk is what a small model's every forward pass would pay.
      assertEquals(!keeps, model.keepsNoForwardValues());
      assertEquals(!keeps, model.keepsNoForwardValues());
      assertEquals(before + 1, asked.asked, "the kept answer, asked nothing");
      asked.grow(Dense.of(2, 2, 2));
      assertEquals(!keeps, model.keepsNoForwardValues());
      assertEquals(before + 2, asked.asked, "a module gained a child: walked again");
    }
  }

  /**
   * Each tree's answer given at one more change than the last, then outdated by one change:
   * four in a row, so that the answer is given at every residue of the change count modulo 4
   * (an answer that survived one change at some counts and not others would pass a single try).
   */
  @Test
  void noKeptAnswerOutlivesAChildRegisteredBelow() {
    Sequential[] models = new Sequential[4];
    Asked[] growing = new Asked[4];
    for (int i = 0; i < models.length; i++) {
      growing[i] = new Asked(false);
      models[i] = Sequential.of(Dense.of(3, 3, i), Sequential.of(growing[i]));
    }
    for (int i = 0; i < models.length; i++) {
      assertTrue(models[i].keepsNoForwardValues(), "tree " + i + " keeps nothing yet");
      growing[i].grow(new Asked(true));
      assertFalse(models[i].keepsNoForwardValues(), "tree " + i + ": a keeping child below");
    }
  }
}
