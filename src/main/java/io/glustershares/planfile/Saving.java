package io.glustershares.planfile;

import io.glustershares.plan.PlanOptions;

/**
 * What a saved plan ({@code plan --out}) adds to the document: the fingerprint of the observed
 * state and the options it was made with, so that {@code apply PLAN} can plan again from the same
 * inputs and refuse unless it gets the same plan.
 *
 * @param desiredFile the desired-state file, relative to the plan file's directory (or absolute
 *     when it was named so), so that {@code apply PLAN} finds it from any working directory
 */
public record Saving(Fingerprint observed, PlanOptions options, String desiredFile) {}
