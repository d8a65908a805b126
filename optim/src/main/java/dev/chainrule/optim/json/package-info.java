/**
 * How the JSON chainrule reads from files (a safetensors header, a model description in a
 * checkpoint's metadata) is said to be broken, in the same words wherever it is read: the fault
 * in the text, without the parser's advice to its programmer. Below the packages that read such
 * JSON, so that each can use it without depending on another.
 */
package dev.chainrule.optim.json;
