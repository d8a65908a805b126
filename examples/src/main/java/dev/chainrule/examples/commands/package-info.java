/** The program's commands, one per classic problem and tool. */
package dev.chainrule.examples.commands;
