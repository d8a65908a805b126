package dev.chainrule.optim.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * A dataset divided into a training part and a test part. The factories here make parts that are
 * disjoint and together hold every sample exactly once; each part keeps the samples in their
 * original order, so only membership is random. The same data, fraction and seed always give the
 * same split.
 *
 * @param train the samples to fit on
 * @param test the samples held out for evaluation
 */
public record Split(Dataset train, Dataset test) {

  /**
   * Both parts must be present and hold samples of the same kind.
   *
   * @param test the held-out samples
   * @param train the training samples
   */
  public Split {
    checkNotNull(train, "Split: train is null");
    checkNotNull(test, "Split: test is null");
    checkArgument(train.featureCount() == test.featureCount(),
        "Split: train has %s features, test has %s", train.featureCount(), test.featureCount());
    checkArgument(train.labels().rank() == test.labels().rank()
            && (train.labels().rank() == 1 || train.labels().dim(1) == test.labels().dim(1)),
        "Split: train labels %s and test labels %s are of different kinds",
        train.labels().shape(), test.labels().shape());
  }

  /**
   * Exactly {@code round(testFraction · N)} samples, chosen uniformly at random, go to the test
   * set and the rest to the training set.
   *
   * @param data the samples to split
   * @param testFraction in {@code [0, 1]}; 0 and 1 give an empty part
   * @param seed the seed of the random choices
   * @return the split
   */
  public static Split random(Dataset data, double testFraction, long seed) {
    checkNotNull(data, "split: dataset is null");
    checkFraction("split", testFraction);
    int[] order = Permutations.shuffled(data.size(), new SplittableRandom(seed));
    int testCount = (int) testRows(testFraction, data.size());
    return of(data, Arrays.copyOfRange(order, testCount, order.length),
        Arrays.copyOf(order, testCount));
  }

  /**
   * Each class sends {@code round(testFraction · n_c)} of its {@code n_c} samples, chosen at
   * random, to the test set, so both parts keep the class proportions up to rounding: each class's
   * test count is within half a sample of its exact share. The total test size may therefore
   * differ from {@code round(testFraction · N)} by up to half the number of classes: many small
   * classes can send far more or fewer rows than the fraction (50 classes of 2 rows send none to
   * a fifth, and a class of one row goes to the test set alone at a half), which {@link
   * DataChecks#requireSplit} refuses when a part is too small to use. The labels must be class
   * indices (shape {@code [N]}).
   *
   * @param data the samples to split
   * @param testFraction in {@code [0, 1]}
   * @param seed the seed of the random choices
   * @return the split
   */
  public static Split stratified(Dataset data, double testFraction, long seed) {
    checkNotNull(data, "stratifiedSplit: dataset is null");
    checkFraction("stratifiedSplit", testFraction);
    checkArgument(data.hasClassIndices(),
        "stratifiedSplit: labels %s are targets; stratifying needs class indices (shape [N])",
        data.labels().shape());
    int[] classes = data.classIndices();
    SortedMap<Integer, List<Integer>> members = new TreeMap<>();
    for (int i = 0; i < classes.length; i++) {
      members.computeIfAbsent(classes[i], c -> new ArrayList<>()).add(i);
    }
    // One generator walks the classes in ascending order, so the split depends on the seed alone.
    RandomGenerator random = new SplittableRandom(seed);
    int[] train = new int[classes.length];
    int[] test = new int[classes.length];
    int trainCount = 0;
    int testCount = 0;
    for (List<Integer> group : members.values()) {
      int[] shuffled = group.stream().mapToInt(Integer::intValue).toArray();
      Permutations.shuffle(shuffled, random);
      int toTest = (int) testRows(testFraction, shuffled.length);
      for (int k = 0; k < shuffled.length; k++) {
        if (k < toTest) {
          test[testCount++] = shuffled[k];
        } else {
          train[trainCount++] = shuffled[k];
        }
      }
    }
    return of(data, Arrays.copyOf(train, trainCount), Arrays.copyOf(test, testCount));
  }

  /**
   * The rule both splits hold rows out by: {@code round(testFraction · n)} of {@code n} rows, of
   * all of them ({@link #random}) or of each class ({@link #stratified}). {@link
   * DataChecks#requireSplit} quotes the rows it needs by the same rule.
   *
   * @param testFraction the share held out, in {@code [0, 1]}
   * @param n the rows (of the data, or of a class), not negative
   * @return how many of them go to the test part
   * @throws IllegalArgumentException naming testRows when the fraction is outside [0, 1] (or
   *     NaN) or {@code n} is negative
   */
  public static long testRows(double testFraction, long n) {
    // The splits check the fraction themselves; a caller quoting the rule must not get -10 of 10
    // rows for a fraction of -1, or Long.MIN_VALUE for -∞, as an answer.
    checkFraction("testRows", testFraction);
    checkArgument(n >= 0, "testRows: the number of rows must not be negative, got %s", n);
    return Math.round(testFraction * n);
  }

  private static Split of(Dataset data, int[] train, int[] test) {
    Arrays.sort(train);
    Arrays.sort(test);
    return new Split(data.subset(train), data.subset(test));
  }

  private static void checkFraction(String op, double testFraction) {
    checkArgument(testFraction >= 0 && testFraction <= 1,
        "%s: test fraction must be in [0, 1], got %s", op, testFraction);
  }
}
