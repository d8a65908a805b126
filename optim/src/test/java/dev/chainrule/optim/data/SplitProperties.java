package dev.chainrule.optim.data;

import static dev.chainrule.optim.data.DatasetTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Tensors;
import java.util.Arrays;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SplitProperties {

  @Provide
  Arbitrary<Dataset> datasets() {
    return Samples.datasets(200);
  }

  @Provide
  Arbitrary<Double> fractions() {
    // Six decimals, plus the edges: with jqwik's default two decimals f·N would tie at .5 often.
    return Arbitraries.oneOf(Arbitraries.doubles().between(0, 1).ofScale(6),
        Arbitraries.of(0.0, 0.5, 1.0));
  }

  @Property
  void partsAreDisjointCoverEverythingAndKeepTheirLabels(@ForAll("datasets") Dataset data,
      @ForAll("fractions") double testFraction, @ForAll long seed, @ForAll boolean stratified) {
    Split split = stratified ? data.stratifiedSplit(testFraction, seed)
        : data.split(testFraction, seed);
    int[] train = Samples.ids(split.train());
    int[] test = Samples.ids(split.test());
    int[] all = IntStream.concat(Arrays.stream(train), Arrays.stream(test)).sorted().toArray();
    assertArrayEquals(IntStream.range(0, data.size()).toArray(), all);
    assertTrue(isIncreasing(train) && isIncreasing(test), "each part keeps the original order");
    assertEquals(data.subset(train), split.train());
    assertEquals(data.subset(test), split.test());
    if (!stratified) {
      // round(f·N) is within half a sample of f·N; 1e-9 absorbs the rounding of f·N itself.
      assertTrue(Math.abs(test.length - testFraction * data.size()) <= 0.5 + 1e-9,
          () -> test.length + " test samples for " + testFraction + " of " + data.size());
    }
  }

  @Property
  void stratifiedSplitsKeepEveryClassProportion(@ForAll("datasets") Dataset data,
      @ForAll("fractions") double testFraction, @ForAll long seed) {
    Split split = data.stratifiedSplit(testFraction, seed);
    int[] all = data.classIndices();
    int[] test = split.test().classIndices();
    for (int c = 0; c < 5; c++) {
      int cls = c;
      long inClass = count(all, c);
      long inTest = count(test, c);
      // Each class rounds its own share: within half a sample (+1e-9 for the rounding of f·n_c).
      assertTrue(Math.abs(inTest - testFraction * inClass) <= 0.5 + 1e-9,
          () -> "class " + cls + ": " + inTest + " of " + inClass + " in test, fraction "
              + testFraction);
    }
  }

  @Property
  void theSameSeedGivesTheSameSplit(@ForAll("datasets") Dataset data,
      @ForAll("fractions") double testFraction, @ForAll long seed) {
    assertEquals(data.split(testFraction, seed), data.split(testFraction, seed));
    assertEquals(data.stratifiedSplit(testFraction, seed),
        data.stratifiedSplit(testFraction, seed));
  }

  @Example
  void differentSeedsGiveDifferentSplits() {
    Dataset data = Samples.indexed(new int[100]);
    assertNotEquals(data.split(0.3, 1), data.split(0.3, 2));
    assertEquals(30, data.split(0.3, 1).test().size());
  }

  @Example
  void stratifiedSplitOfARareClass() {
    // 90 samples of class 0 and 10 of class 1: a 20% test set holds 18 and 2 of them.
    int[] classes = new int[100];
    Arrays.fill(classes, 90, 100, 1);
    Split split = Samples.indexed(classes).stratifiedSplit(0.2, 7);
    assertEquals(18, count(split.test().classIndices(), 0));
    assertEquals(2, count(split.test().classIndices(), 1));
    assertEquals(80, split.train().size());
  }

  @Example
  void errorsNameTheOperation() {
    Dataset data = Samples.indexed(new int[] {0, 1, 0});
    assertMessage("split: test fraction must be in [0, 1], got 1.5", () -> data.split(1.5, 0));
    assertMessage("stratifiedSplit: test fraction must be in [0, 1], got NaN",
        () -> data.stratifiedSplit(Double.NaN, 0));
    Dataset targets = new Dataset(data.features(), Tensors.zeros(3, 1));
    assertMessage("stratifiedSplit: labels [3, 1] are targets; stratifying needs class indices"
        + " (shape [N])", () -> targets.stratifiedSplit(0.5, 0));
    assertMessage("Split: train has 2 features, test has 3",
        () -> new Split(data, new Dataset(Tensors.zeros(1, 3), Tensors.zeros(1))));
  }

  private static boolean isIncreasing(int[] values) {
    return IntStream.range(1, values.length).allMatch(i -> values[i - 1] < values[i]);
  }

  private static long count(int[] values, int value) {
    return Arrays.stream(values).filter(v -> v == value).count();
  }
}
