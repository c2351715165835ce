/**
 * The command line: each command parses its flags and calls one method of {@link dev.scafctl.Scafctl}.
 * Exit codes and error messages are decided in one place ({@code ErrorHandler}).
 */
package dev.scafctl.cli;
