/**
 * Package planfile is the saved plan ({@code plan --out}) as a file, in the manner of Terraform's
 * {@code planfile}: {@link io.glustershares.planfile.PlanFormat} is the one class that knows the
 * wire format (also what {@code plan --format json} prints), {@link
 * io.glustershares.planfile.PlanFileWriter} writes it, and {@link
 * io.glustershares.planfile.PlanFileReader} reads it strictly, trusting it with nothing but what
 * {@code apply PLAN} must re-derive — the desired-state file and its {@link
 * io.glustershares.planfile.Provenance}, the options and the {@link
 * io.glustershares.planfile.Fingerprint} of what the clusters held. {@link
 * io.glustershares.planfile.PlanComparison} refuses a saved plan unless planning again gives the
 * very same actions. Nothing read from a plan file is ever executed.
 */
package io.glustershares.planfile;
