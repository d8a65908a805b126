package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's data example verbatim (examples' ReadmeSnippetsTest checks it stays so). */
class ReadmeDataTest {

  @Test
  void dataExample(@TempDir Path dir) throws IOException {
    StringBuilder rows = new StringBuilder("50,4,setosa,versicolor,virginica\n");
    for (int i = 0; i < 50; i++) {
      rows.append(5 + i % 7 * 0.1).append(',').append(3 + i % 5 * 0.1).append(',')
          .append(1 + i % 3).append(',').append(0.2 * (i % 3)).append(',').append(i % 3)
          .append('\n');
    }
    Path irisFile = Files.writeString(dir.resolve("iris.csv"), rows);

    // iris.csv as scikit-learn ships it: a summary line, then four features and a class per row.
    CsvData iris = CsvReader.builder().skipLines(1).header(false).build().read(irisFile);
    Split split = iris.dataset().stratifiedSplit(0.2, 42L);        // each class keeps its share
    Standardizer standardizer = Standardizer.fit(split.train());  // training statistics only
    Dataset train = standardizer.transform(split.train());
    Dataset test = standardizer.transform(split.test());

    int seen = 0;
    for (int epoch = 0; epoch < 3; epoch++) {
      for (Dataset batch : train.batches(16, 42L, false).epoch(epoch)) {  // reshuffled each epoch
        Tensor x = batch.features();                                       // [16, 4]
        Tensor y = batch.oneHotLabels(iris.classCount());                  // [16, 3]
        // ... forward pass on x, loss against y, backward, optimizer step ...
        seen += x.dim(0);
      }
    }

    // Classes of 17, 17 and 16 samples send round(0.2 · n) = 3, 3 and 3 to the test set.
    assertEquals(9, test.size());
    assertEquals(3 * train.size(), seen);
    assertEquals(3, iris.classCount());
  }

  @Test
  void choosingColumnsAndRefusingUnlearnableData(@TempDir Path dir) throws IOException {
    StringBuilder rows = new StringBuilder("name,age,height,group\n");
    for (int i = 0; i < 20; i++) {
      rows.append("p").append(i).append(',').append(i == 3 ? "" : 20 + i).append(',')
          .append(1.5 + i % 4 * 0.1).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
    }
    Path peopleFile = Files.writeString(dir.resolve("people.csv"), rows);

    CsvData people = CsvReader.builder().labelColumn("group").drop(List.of("name"))
        .missingValues(MissingValues.DROP).build().read(peopleFile);
    DataChecks.requireLearnable(people, "people.csv");  // no feature, none varying, one class, ...
    Split parts = people.dataset().stratifiedSplit(0.2, 42L);
    DataChecks.requireSplit(parts, 0.2, "people.csv");  // needs a test row and two training rows

    assertEquals(1, people.droppedRows(), "the row with no age");
    assertEquals(19, people.lines().size());
    assertEquals(List.of("age", "height"), people.featureNames());
    assertEquals(4, parts.test().size(), "round(0.2 · 10) + round(0.2 · 9)");
  }
}
