package dev.chainrule.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark context the tests share: starting one takes seconds, so the suite starts it once, in
 * local mode with two worker threads on the loopback address, and lets a failed task be tried up
 * to three times ({@code local[2,3]}), as a cluster would.
 */
final class LocalSpark {
  private static JavaSparkContext context;

  private LocalSpark() {}

  static synchronized JavaSparkContext context() {
    if (context == null) {
      SparkConf conf = SparkTrainer.tuned(new SparkConf()).setMaster("local[2,3]")
          .setAppName("chainrule tests")
          .set("spark.ui.enabled", "false")
          .set("spark.driver.host", "127.0.0.1")
          .set("spark.driver.bindAddress", "127.0.0.1");
      context = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf));
      Runtime.getRuntime().addShutdownHook(new Thread(context::stop));
    }
    return context;
  }
}
