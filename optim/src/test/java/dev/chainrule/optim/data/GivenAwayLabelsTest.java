package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Columns that give the label away: a copy of it, or a row number in a file sorted by it.
 * Trained with either, train scored 1.0000 on its test rows and said nothing.
 */
class GivenAwayLabelsTest {
  private static final String ADVICE = "; the test rows hold it too, so their score says nothing"
      + " of new rows, which will not; unless it is known before the label, leave it out (drop ";

  private static List<String> warnings(CsvReader.Builder reader, String text) throws IOException {
    CsvData data = reader.labelColumn("y").build().read(new StringReader(text), "g.csv");
    return GivenAwayLabels.warnings(data, name -> "drop " + name);
  }

  /** A numeric code of each class, as a spreadsheet adds beside a column of names. */
  @Test
  void aCodeOfTheClassIsNamedWithItsValues() throws IOException {
    String text = "a,code,y\n0.3,1,yes\n-1.2,0,no\n0.5,1,yes\n2.0,0,no\n0.1,0,no\n";
    assertEquals(List.of("warning: the feature \"code\" gives the label away: it is 0 in every"
        + " row of class no, 1 in every row of class yes" + ADVICE + "code)"),
        warnings(CsvReader.builder(), text));
  }

  /** A feature that separates the classes without one value per class is data, not a copy. */
  @Test
  void aSeparatingFeatureOfSeveralValuesPerClassIsNoWarning() throws IOException {
    String text = "a,b,y\n0.3,1,yes\n-1.2,0,no\n0.5,2,yes\n2.0,0,no\n0.1,0,no\n";
    assertEquals(List.of(), warnings(CsvReader.builder(), text));
  }

  /** Two classes sharing a value leave the label undetermined by the column. */
  @Test
  void aValueSharedByTwoClassesIsNoCopy() throws IOException {
    String text = "k,z,y\n1,4,a\n1,5,b\n2,6,c\n1,7,a\n1,8,b\n2,9,c\n";
    assertEquals(List.of(), warnings(CsvReader.builder(), text));
  }

  /** Alone, a column deciding the class is the data itself: leaving it out leaves nothing. */
  @Test
  void theOnlyVaryingColumnIsNoWarning() throws IOException {
    String text = "x,k,y\n0,5,no\n1,5,no\n2,5,no\n3,5,yes\n4,5,yes\n5,5,yes\n";
    assertEquals(List.of(), warnings(CsvReader.builder(), text));
    assertEquals(List.of(), warnings(CsvReader.builder().regression(), "x,y\n1,3\n2,5\n3,7\n"));
  }

  @Test
  void beyondThreeClassesTheOthersAreCounted() throws IOException {
    String text = "k,z,y\n1,0,a\n2,1,b\n3,0,c\n4,1,d\n5,0,e\n1,1,a\n2,0,b\n3,1,c\n4,0,d\n"
        + "5,1,e\n";
    assertEquals(List.of("warning: the feature \"k\" gives the label away: it is 1 in every row"
        + " of class a, 2 in every row of class b, 3 in every row of class c and one value for"
        + " each of 2 more classes" + ADVICE + "k)"), warnings(CsvReader.builder(), text));
  }

  /** An id counting rows in a file sorted by class tells each test row's class by its place. */
  @Test
  void aRowNumberInAFileSortedByItsLabelIsNamed() throws IOException {
    String text = "id,a,y\n1,0.3,no\n2,0.9,no\n3,-0.2,no\n4,0.4,yes\n5,0.8,yes\n6,0.1,yes\n";
    assertEquals(List.of("warning: the feature \"id\" gives the label away: it counts the rows"
        + " (1, 2, ... in file order) and the file is sorted by its label \"y\", so the row"
        + " number tells the label" + ADVICE + "id)"), warnings(CsvReader.builder(), text));
  }

  /** In a shuffled file a row number tells nothing of the label: no warning. */
  @Test
  void aRowNumberInAShuffledFileIsNoWarning() throws IOException {
    String text = "id,a,y\n1,0.3,no\n2,0.9,yes\n3,-0.2,no\n4,0.4,yes\n5,0.8,no\n6,0.1,yes\n";
    assertEquals(List.of(), warnings(CsvReader.builder(), text));
  }

  @Test
  void aRegressionTargetInOtherUnitsIsNamed() throws IOException {
    String text = "a,cents,y\n0.3,150,1.5\n-1.2,275,2.75\n0.5,300,3\n2.0,125,1.25\n";
    List<String> found = warnings(CsvReader.builder().regression(), text);
    assertEquals(List.of("warning: the feature \"cents\" gives the label away: it is the target"
        + " \"y\" in other units (correlation 1.000000000)" + ADVICE + "cents)"), found);
  }

  /**
   * A feature close to the target, but no closer than measured data is, is no copy; nor, in a
   * regression, is a count of the rows beside a target that grows (time steps of a trend).
   */
  @Test
  void aNoisyLinearFeatureIsNoCopy() throws IOException {
    String text = "x,z,y\n1,5,2.01\n2,3,3.98\n3,4,6.02\n4,1,8.0\n";
    assertEquals(List.of(), warnings(CsvReader.builder().regression(), text));
  }

  /**
   * Row ids of a file sorted by its regression target tell each test row's target by its place
   * (a sorted file of 300 rows: R² 0.91 with its ids, 0.33 without).
   */
  @Test
  void rowIdsInAFileSortedByItsTargetAreNamed() throws IOException {
    String text = "Row ID,a,y\n1,0.3,9.5\n2,0.9,7.25\n3,-0.2,7.25\n4,0.4,3\n5,0.8,-1\n";
    assertEquals(List.of("warning: the feature \"Row ID\" gives the label away: it counts the"
        + " rows (1, 2, ... in file order) and the file is sorted by its target \"y\", so the row"
        + " number tells the target" + ADVICE + "Row ID)"),
        warnings(CsvReader.builder().regression(), text));
  }

  /**
   * Row ids beside a target out of order, or not quite sorted, and time steps or years beside a
   * sorted target (a trend: the steps are data), give no warning.
   */
  @Test
  void rowIdsOfAnUnsortedTargetAndTimeStepsAreNoWarning() throws IOException {
    CsvReader.Builder regression = CsvReader.builder().regression();
    assertEquals(List.of(), warnings(regression,
        "id,a,y\n1,0.3,9.5\n2,0.9,3\n3,-0.2,7.25\n4,0.4,-1\n5,0.8,8\n"));
    assertEquals(List.of(), warnings(regression,
        "id,a,y\n1,0.3,1\n2,0.9,2\n3,-0.2,3\n4,0.4,5\n5,0.8,4\n"));
    assertEquals(List.of(), warnings(regression,
        "t,a,y\n1,0.3,1\n2,0.9,2\n3,-0.2,3\n4,0.4,4.5\n5,0.8,5\n"));
    assertEquals(List.of(), warnings(regression,
        "year,a,y\n2001,0.3,1\n2002,0.9,2\n2003,-0.2,3\n2004,0.4,4.5\n2005,0.8,5\n"));
  }
}
