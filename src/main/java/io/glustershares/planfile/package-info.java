/**
 * Saved plans ({@code plan --out}) as files: the strict reader that {@code apply PLAN} trusts with
 * nothing but what it must re-derive — the desired-state file, its commit, the options and the
 * fingerprint of what the clusters held — and the comparison that refuses a saved plan unless
 * planning again gives the very same actions. Nothing read from a plan file is ever executed.
 */
package io.glustershares.planfile;
