package io.glustershares.cli;

import java.io.PrintWriter;

/** Shared by every command of one run: where to print, what the world looks like. */
final class Context {
  final PrintWriter out;
  final PrintWriter err;
  final Environment environment;
  boolean debug;

  Context(PrintWriter out, PrintWriter err, Environment environment) {
    this.out = out;
    this.err = err;
    this.environment = environment;
  }
}
