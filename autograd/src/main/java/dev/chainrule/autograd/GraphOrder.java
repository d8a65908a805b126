package dev.chainrule.autograd;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The order a backward pass walks a graph in, and the graph's links as positions in that order:
 * every variable that requires a gradient and is reachable from the roots, each before the inputs
 * of its op (reverse post-order of a depth-first walk). The walk is iterative, so a chain of any
 * length fits in a fixed stack.
 *
 * <p>Why positions: the engine keeps the gradients a pass computes in an array indexed by them,
 * and finds where an op's input sits with one array read, where a map from variables would
 * compare or hash a variable per lookup. What is still looked up by variable (the walk's "seen
 * before?", and {@link #positionOf} for the roots and the inputs a caller wants) goes through an
 * open-addressing table keyed by {@link Variable#hash()}: a small network's graph has about
 * twenty nodes, and this bookkeeping is paid on every training step (with a linear-scan map it
 * was about a fifth of the XOR step's samples).
 */
final class GraphOrder {
  /** The nodes in post-order (inputs first): position p is {@code post[count − 1 − p]}. */
  private final Variable[] post;
  /** Where the input links of post[q] begin in {@link #links}. */
  private final int[] firstLink;
  /** The post-order index of each op input, or -1 for an input that needs no gradient. */
  private final int[] links;
  private final int count;
  private final Seen seen;

  private GraphOrder(Variable[] post, int[] firstLink, int[] links, int count, Seen seen) {
    this.post = post;
    this.firstLink = firstLink;
    this.links = links;
    this.count = count;
    this.seen = seen;
  }

  /** Outputs first: a variable comes before every variable its op read. */
  static GraphOrder of(List<Variable> roots) {
    Seen seen = new Seen();
    // The walk's stack: a node, the next input to visit, where its input links start.
    Variable[] stack = new Variable[16];
    int[] nextInput = new int[16];
    int[] stackFirst = new int[16];
    // Finished nodes in post-order, with where their input links start.
    Variable[] post = new Variable[16];
    int[] postFirst = new int[16];
    int[] links = new int[32]; // post-order index of each input while walking; -1: no gradient
    int count = 0;
    int linkCount = 0;
    for (int r = 0; r < roots.size(); r++) { // indexed: an iterator per pass shows in a small step
      Variable root = roots.get(r);
      if (!root.requiresGrad() || seen.indexOf(root) >= 0) {
        continue;
      }
      stack[0] = root;
      nextInput[0] = 0;
      stackFirst[0] = linkCount;
      linkCount += inputCount(root);
      links = fit(links, linkCount);
      int depth = 1;
      while (depth > 0) {
        int top = depth - 1;
        Variable node = stack[top];
        OpContext ctx = node.creator();
        int next = nextInput[top];
        if (ctx != null && next < ctx.linkedInputs()) {
          nextInput[top] = next + 1;
          Variable input = ctx.inputAt(next);
          boolean linked = ctx.linked(next);
          int known = linked ? seen.indexOf(input) : -1;
          links[stackFirst[top] + next] = known;
          if (known < 0 && linked) {
            // Not seen: a node is marked when it finishes, and no input can be an ancestor.
            if (depth == stack.length) {
              stack = Arrays.copyOf(stack, 2 * depth);
              nextInput = Arrays.copyOf(nextInput, 2 * depth);
              stackFirst = Arrays.copyOf(stackFirst, 2 * depth);
            }
            stack[depth] = input;
            nextInput[depth] = 0;
            stackFirst[depth] = linkCount;
            linkCount += inputCount(input);
            links = fit(links, linkCount);
            depth++;
          }
        } else {
          if (count == post.length) {
            post = Arrays.copyOf(post, 2 * count);
            postFirst = Arrays.copyOf(postFirst, 2 * count);
          }
          post[count] = node;
          postFirst[count] = stackFirst[top];
          seen.add(node, count);
          if (top > 0) { // the parent's link to this node, left open when it was pushed
            links[stackFirst[top - 1] + nextInput[top - 1] - 1] = count;
          }
          count++;
          stack[top] = null;
          depth--;
        }
      }
    }
    return new GraphOrder(post, postFirst, links, count, seen);
  }

  private static int inputCount(Variable node) {
    OpContext ctx = node.creator();
    return ctx == null ? 0 : ctx.linkedInputs();
  }

  private static int[] fit(int[] array, int length) {
    return length <= array.length
        ? array
        : Arrays.copyOf(array, Math.max(length, 2 * array.length));
  }

  int size() {
    return count;
  }

  Variable node(int position) {
    return post[count - 1 - position];
  }

  /** The position of input {@code input} of the node at {@code position}, or -1 if none. */
  int inputPosition(int position, int input) {
    int link = links[firstLink[count - 1 - position] + input];
    return link < 0 ? -1 : count - 1 - link;
  }

  /**
   * By position, whether the rule of that node's op leads to a wanted variable: one of its inputs
   * is wanted or its own rule leads to one. A gradient asked of an intermediate variable needs
   * none of the rules below it, which would cost their time and, without a retained graph,
   * free what a later backward through them needs (PyTorch runs only the nodes between). One
   * pass: post-order finishes every input before the node that read it.
   */
  boolean[] rulesLeadingTo(Predicate<Variable> wanted) {
    boolean[] leads = new boolean[count];  // by post-order index: wanted, or its rule leads
    boolean[] runs = new boolean[count];
    for (int q = 0; q < count; q++) {
      boolean run = false;
      for (int i = 0, inputs = inputCount(post[q]); i < inputs && !run; i++) {
        int link = links[firstLink[q] + i];
        run = link >= 0 && leads[link];
      }
      runs[count - 1 - q] = run;
      // A node an earlier pass freed has lost its inputs, so what lies below it is unknown: it
      // counts as leading, its rule runs and says it was freed, where skipping it would give an
      // input reached by another path part of its gradient without a word.
      leads[q] = run || wanted.test(post[q]) || post[q].isFreed();
    }
    return runs;
  }

  /** The position of {@code variable}, or -1 when the walk did not reach it. */
  int positionOf(Variable variable) {
    int q = variable == null ? -1 : seen.indexOf(variable);
    return q < 0 ? -1 : count - 1 - q;
  }

  /**
   * Variables to indices by reference, in open addressing: slots probed from the variable's
   * {@link Variable#hash() hash}, a random number drawn when it was created, so no lookup asks the
   * JVM for an identity hash (tens of nanoseconds the first time for each fresh object).
   */
  private static final class Seen {
    private Variable[] keys = new Variable[64];
    private int[] values = new int[64];
    private int size;

    int indexOf(Variable key) {
      int mask = keys.length - 1;
      for (int i = key.hash() & mask; ; i = (i + 1) & mask) {
        Variable k = keys[i];
        if (k == key) {
          return values[i];
        }
        if (k == null) {
          return -1;
        }
      }
    }

    void add(Variable key, int value) {
      if (2 * (size + 1) > keys.length) {
        grow();
      }
      int mask = keys.length - 1;
      int i = key.hash() & mask;
      while (keys[i] != null) {
        i = (i + 1) & mask;
      }
      keys[i] = key;
      values[i] = value;
      size++;
    }

    private void grow() {
      Variable[] oldKeys = keys;
      int[] oldValues = values;
      keys = new Variable[2 * oldKeys.length];
      values = new int[keys.length];
      size = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != null) {
          add(oldKeys[i], oldValues[i]);
        }
      }
    }
  }
}
