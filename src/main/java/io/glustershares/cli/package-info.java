/**
 * Package cli contains the picocli commands, the exit codes of SPEC §5 and the one error boundary:
 * user errors print one line, only {@code --debug} prints a stack trace. It wires the other
 * packages together and is the only one that may see all of them.
 */
package io.glustershares.cli;
