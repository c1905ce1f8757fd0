/**
 * The workflow specification as written by users (torc's {@code WorkflowSpec} and friends), before
 * parameter expansion. Optional fields are {@code null} when absent; lists keep the difference
 * between "absent" ({@code null}) and "empty", because torc's expansion rules depend on it.
 */
package org.torc.client.spec.model;
