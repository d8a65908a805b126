package dev.chainrule.optim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;

/**
 * A class index beyond the confusion matrix's count of classes is an index, not a score: it
 * used to be refused with "take the argmax of scores first", advice that fits probabilities
 * given for classes, not a count of classes too small for the data.
 */
class ClassCountRefusalTest {
  @Test
  void aClassBeyondTheCountIsNamedAsAClass() {
    Tensor scores = Tensors.randn(Shape.of(4, 3), 1L);
    assertEquals("confusion matrix: true classes hold the class 5 at [2], but the count of"
        + " classes is 3 (classes 0 to 2): give the number of classes the data has (at least 6),"
        + " or leave out the rows of the classes beyond",
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.confusion(scores, Tensor.vector(0, 1, 5, 2), 3)).getMessage());
    assertEquals("confusion matrix: predictions hold the class 3 at [1], but the count of"
        + " classes is 3 (classes 0 to 2): give the number of classes the data has (at least 4),"
        + " or leave out the rows of the classes beyond",
        assertThrows(IllegalArgumentException.class,
            () -> ConfusionMatrix.tally(Tensor.vector(0, 3), Tensor.vector(0, 1), 3))
            .getMessage());
    // The first row too: the value is read wherever the refused index is, position 0 included.
    assertEquals("confusion matrix: predictions hold the class 4 at [0], but the count of"
        + " classes is 3 (classes 0 to 2): give the number of classes the data has (at least 5),"
        + " or leave out the rows of the classes beyond",
        assertThrows(IllegalArgumentException.class,
            () -> ConfusionMatrix.tally(Tensor.vector(4, 0), Tensor.vector(0, 1), 3))
            .getMessage());
  }

  @Test
  void valuesThatAreNoClassKeepTheArgmaxAdvice() {
    String message = assertThrows(IllegalArgumentException.class,
        () -> Metrics.confusion(Tensor.vector(0, 0.5), Tensor.vector(0, 1), 3)).getMessage();
    assertEquals("confusion matrix: predictions hold 0.5 at [1], not a class index (a whole"
        + " number from 0 to 2); predictions as a vector are class indices: take the argmax of"
        + " scores (or threshold binary probabilities) first, or give the rows [N, K] to a"
        + " Metrics function (Metrics.confusion for the table)", message);
  }
}
