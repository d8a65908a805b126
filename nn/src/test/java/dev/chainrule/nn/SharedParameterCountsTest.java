package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A parameter held by two modules is counted once, at the first row or line that holds it, in
 * the summary's table and in the module tree alike, and the later places say it is shared: the
 * counts not marked shared sum to the total. A layer made with Dense.sharing was counted at both
 * places over a total that counted it once (20 and 20 over 20), where a module placed twice was
 * marked "(shared)" in the table.
 */
class SharedParameterCountsTest {
  /** An output projection tied to an embedding's table, as out.weight = emb.weight in PyTorch. */
  private static Sequential tiedToEmbedding() {
    Embedding embedding = Embedding.of(5, 4, 1L);
    return Sequential.of(embedding, Dense.sharing(embedding.weight(), null));
  }

  @Test
  void aWeightTiedToAnEmbeddingIsCountedAtTheEmbeddingOnly() {
    Sequential model = tiedToEmbedding();
    assertEquals("""
        Sequential (
          (0): Embedding(5, 4)  [20 parameters]
          (1): Dense(4 -> 5, no bias)  [20 shared parameters]
        )
        total: 20 parameters; training mode""", model.toString());
    Summary summary = model.summary(Shape.of(2));
    assertEquals(List.of(0L, 20L, 0L), rowCounts(summary));
    assertEquals(List.of(0L, 0L, 20L),
        summary.rows().stream().map(Summary.Row::sharedParameters).toList());
    assertTrue(summary.toString()
        .contains("(1): Dense(4 -> 5, no bias)  [2, 5]        (20 shared)"), summary::toString);
    assertEquals(20, summary.parameters());
  }

  /** The shared weight apart from the layer's own bias, which this row counts. */
  @Test
  void aLayerWithASharedWeightAndItsOwnBiasCountsTheBias() {
    Dense first = Dense.of(4, 4, 1L);
    Sequential model = Sequential.of(first, Dense.sharing(first.weight(), Tensors.zeros(4)));
    assertTrue(model.toString().contains("(1): Dense(4 -> 4)  [4 parameters + 16 shared]"),
        model::toString);
    Summary summary = model.summary(Shape.of(2, 4));
    assertTrue(summary.toString().contains("(1): Dense(4 -> 4)  [2, 4]        4 (+16 shared)"),
        summary::toString);
    assertEquals(List.of(0L, 20L, 4L), rowCounts(summary));
  }

  /** A module placed twice: the tree now says so too, as the table's "(shared)" did. */
  @Test
  void aModulePlacedTwiceIsMarkedSharedInTheTree() {
    Dense d = Dense.of(3, 3, 1L);
    Sequential model = Sequential.of(d, Activation.tanh(), Sequential.of(d));
    assertEquals("""
        Sequential (
          (0): Dense(3 -> 3)  [12 parameters]
          (1): Activation(tanh)
          (2): Sequential (
            (0): Dense(3 -> 3)  [12 shared parameters]
          )
        )
        total: 12 parameters; training mode""", model.toString());
    Summary summary = model.summary(Shape.of(2, 3));
    assertEquals(List.of(false, false, false, false, true),
        summary.rows().stream().map(Summary.Row::shared).toList());
    assertEquals(List.of(0L, 12L, 0L, 0L, 0L), rowCounts(summary));
    assertEquals(12, summary.rows().get(4).sharedParameters());
  }

  /** Rows and lines sum to the total for every kind of sharing, and for none. */
  @Test
  void theCountsNotMarkedSharedSumToTheTotal() {
    Dense first = Dense.of(4, 4, 1L);
    List<Sequential> models = List.of(
        Sequential.of(Dense.of(4, 4, 2L), Activation.relu(), Dense.of(4, 4, 3L)),
        Sequential.of(first, Dense.sharing(first.weight(), Tensors.zeros(4)), first,
            Sequential.of(first, Dense.sharing(first.weight(), null))));
    for (Sequential model : models) {
      Summary summary = model.summary(Shape.of(2, 4));
      assertEquals(model.parameterCount(),
          rowCounts(summary).stream().mapToLong(Long::longValue).sum(), summary::toString);
      assertEquals(model.parameterCount(), summary.parameters());
      // In the tree, the first number of each bracket, unless the bracket is all shared.
      Matcher counted = Pattern.compile("\\[([\\d,]+) parameters?[] +]").matcher(model.toString());
      long sum = 0;
      while (counted.find()) {
        sum += Long.parseLong(counted.group(1).replace(",", ""));
      }
      assertEquals(model.parameterCount(), sum, model::toString);
    }
  }

  private static List<Long> rowCounts(Summary summary) {
    return summary.rows().stream().map(Summary.Row::parameters).toList();
  }
}
