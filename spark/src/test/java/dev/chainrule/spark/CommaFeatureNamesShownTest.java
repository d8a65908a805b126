package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.model.ModelDescription;
import dev.chainrule.optim.model.Task;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A resume refused for other features names a feature holding a comma in the double quotes that
 * --features takes it in: a header {@code "a,b",c,label} resumed with {@code --features
 * 'c,"a,b"'} was told "its features [a,b, c], this run's [c, a,b]", three names in each.
 */
class CommaFeatureNamesShownTest {
  private static ModelDescription described(List<String> features) {
    Sequential model = TestData.blobsModel(3);
    return ModelDescription.builder(Task.CLASSIFICATION, ModelDescription.layersOf(model))
        .dtype(model.dtype()).features(features, null).label("label", List.of("a", "b", "c"))
        .build();
  }

  @Test
  void aFeatureWithACommaIsShownInQuotes() {
    ModelDescription file = described(List.of("a,b", "c", "d", "e"));
    ModelDescription run = described(List.of("c", "a,b", "d", "e"));
    ResumeContradiction refused = assertThrows(ResumeContradiction.class,
        () -> DescriptionDifference.requireSameChosen("resume: f: ", file, run,
            FeatureSource.FEATURES, Optional.empty()));
    assertEquals("resume: f: its features [\"a,b\", c, d, e], this run's [c, \"a,b\", d, e]"
        + " (set by --features)", refused.getMessage());
  }
}
