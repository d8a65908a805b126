package dev.chainrule.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.optim.train.EpochResult;
import dev.chainrule.optim.train.History;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunPicturesTest {
  @Test
  void aResumedRunsPicturesStartAtTheEpochItsLogStartsAt() {
    // EpochResult counts from 0 over the whole run: a run resumed from a 20-epoch file has its
    // first epoch at 20, which the log shows as epoch 21.
    History resumed = new History(List.of(epoch(20), epoch(21)), false, 21);
    assertEquals(21, RunPictures.first(resumed));
    assertEquals(1, RunPictures.first(new History(List.of(epoch(0)), false, 0)));
    assertEquals(1, RunPictures.first(null), "no epoch ran: nothing is numbered");
  }

  private static EpochResult epoch(int epoch) {
    return new EpochResult(epoch, 0.5, 0.75, Double.NaN, Double.NaN, 0.1, 0.01, 4);
  }
}
