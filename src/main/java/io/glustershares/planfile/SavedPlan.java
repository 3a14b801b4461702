package io.glustershares.planfile;

import io.glustershares.plan.PlanOptions;
import tools.jackson.databind.JsonNode;

/**
 * A saved plan as read: where it was made from, with which options, from what observed state, and
 * its actions as written — kept as a document to compare against, never turned into actions that
 * could run.
 *
 * @param actions the {@code actions} array of the file
 * @param desiredFile the desired-state file as the plan records it: relative to the plan file's
 *     directory, or absolute
 */
public record SavedPlan(
    Provenance provenance,
    PlanOptions options,
    Fingerprint observed,
    JsonNode actions,
    String desiredFile) {}
