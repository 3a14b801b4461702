/**
 * Package render turns plans, audits, inventories and diagnostics into what people and machines
 * read: human text, JSON (with schemas under {@code schema/}), JUnit XML and Markdown. It formats
 * only; every decision was made before.
 */
package io.glustershares.render;
