/** The solution model and its YAML parser; running a solution is {@code dev.scafctl.resolver}'s job. */
package dev.scafctl.solution;
