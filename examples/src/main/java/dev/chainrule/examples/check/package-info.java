/** The gradient audit behind the gradcheck command: ops and random networks, three ways. */
package dev.chainrule.examples.check;
