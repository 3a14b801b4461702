/**
 * Package inspect draws conclusions from what was observed, and changes nothing: {@code audit}'s
 * drift and findings ({@link io.glustershares.inspect.Audit}), {@code doctor}'s checks of clusters
 * and their servers ({@link io.glustershares.inspect.Doctor}, {@link
 * io.glustershares.inspect.NodeDoctor}), {@code import}'s desired state from existing volumes
 * ({@link io.glustershares.inspect.Importer}) and {@code show}'s inventory ({@link
 * io.glustershares.inspect.ShowReport}). It reads the planner's classification of volumes and never
 * reaches anything that can run a command: the CLI observes, these classes only judge.
 */
package io.glustershares.inspect;
