/**
 * Package load turns a desired-state file into a validated {@link
 * io.glustershares.model.DesiredState}: YAML composed with its marks, the JSON Schema (the single
 * source of structural rules), then the semantic rules. Every problem becomes a {@link
 * io.glustershares.model.Diagnostic} with its file position; all of them are reported at once.
 */
package io.glustershares.load;
