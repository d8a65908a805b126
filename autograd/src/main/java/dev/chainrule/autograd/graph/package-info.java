/**
 * Seeing the graph: {@link dev.chainrule.autograd.graph.GraphDot} writes a computation graph as
 * Graphviz DOT text. Rendering is left to Graphviz.
 */
package dev.chainrule.autograd.graph;
