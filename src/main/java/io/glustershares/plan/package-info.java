/**
 * Package plan contains the pure planner: from the desired state and the observed state it derives
 * who owns each volume (ownership is recorded on the volume itself), what has drifted, and the
 * ordered, dependency-linked actions that converge the clusters. Nothing here does I/O.
 *
 * <p>{@link io.glustershares.plan.Planner#plan} is the one entry. Its parts each own one concern —
 * {@code Binding} with {@code Pool} (create, adopt), {@code Clones}, {@code Access} (access and
 * repair), {@code Snapshots}, {@code Deletions} — read the {@code PlanContext} and write the {@code
 * PlanBuilder}; {@link io.glustershares.plan.Ordering} derives the dependencies and the order, and
 * {@code Targeting} applies {@code --target}. The plan's data ({@link
 * io.glustershares.plan.Action}, {@link io.glustershares.plan.Change}, {@link
 * io.glustershares.plan.Step}) is what apply reads. Package {@code inspect} draws its conclusions
 * (audit, doctor, import, show) from the same classification ({@code Inventory}).
 */
package io.glustershares.plan;
