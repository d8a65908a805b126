/**
 * Walking and seeing the graph: {@link dev.chainrule.autograd.graph.Graphs} orders a recorded
 * graph's variables from its inputs, {@link dev.chainrule.autograd.graph.GraphDot} writes it as
 * Graphviz DOT text. Rendering is left to Graphviz.
 */
package dev.chainrule.autograd.graph;
