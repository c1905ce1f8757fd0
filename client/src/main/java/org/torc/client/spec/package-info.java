/**
 * Workflow specs: reading, parameter expansion, validation and resolution — everything
 * {@code torc workflows create} and {@code execution-plan} need before the first API call.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link org.torc.client.spec.SpecLoader#load(java.nio.file.Path)} reads a file into the
 *       {@linkplain org.torc.client.spec.model spec model} (format by extension: json, json5,
 *       yaml/yml, kdl; otherwise JSON, JSON5, YAML, KDL are tried in turn).</li>
 *   <li>{@link org.torc.client.spec.SpecPipeline#resolve(java.nio.file.Path, SpecOptions)} — the
 *       create path: expands, substitutes, validates and resolves, or throws a
 *       {@link org.torc.client.spec.SpecException} with torc's create-path message.</li>
 *   <li>{@link org.torc.client.spec.SpecPipeline#validate(java.nio.file.Path, SpecOptions)} — the
 *       dry run: a {@link org.torc.client.spec.ValidationResult} with every problem (torc's JSON via
 *       {@code toJson()}, torc's text report via {@code print(out, err)}).</li>
 *   <li>{@link org.torc.client.spec.ExecutionPlan#of(ResolvedSpec)} — events and stages.</li>
 * </ul>
 *
 * <h2>Deliberate differences from torc 0.10–0.12</h2>
 * <ol>
 *   <li><b>KDL.</b> {@code depends_on_job} is read as {@code depends_on} (torc dropped it silently);
 *       every argument of a list node is kept (torc kept the first {@code depends_on_regexes});
 *       {@code input_files}/{@code output_files} are accepted next to the singular forms; the four
 *       file/user-data regex lists, {@code project} and {@code metadata} can be written in KDL;
 *       unknown nodes, unexpected properties, wrong argument counts, repeated single-valued nodes
 *       and wrongly typed values are errors (torc ignored them).</li>
 *   <li><b>Deterministic order.</b> torc iterates hash maps; here parameters apply in the order
 *       written (inherited ones in {@code use_parameters} order), the first parameter of a product
 *       varies slowest, and {@code ${files...}} names are collected in declaration order.</li>
 *   <li><b>Cycles through files and user data</b> (job A writes what B reads and B writes what A
 *       reads, or a job reads and writes the same file) are reported, naming the jobs and the
 *       resources; torc checked explicit dependencies only and the server would block such jobs
 *       forever. Cycle messages name the jobs of each cycle rather than every unplaced job.</li>
 *   <li><b>Duplicate job names</b> are still accepted on the create path (torc's own examples have
 *       them) but each job keeps its own dependencies, and a dependency on a shared name waits for
 *       all jobs with that name; torc let the last one win both ways. A warning is returned.</li>
 *   <li><b>A regex counts as matching</b> when it matches a name already selected by
 *       {@code depends_on} or another regex (torc then reported "did not match any jobs").</li>
 *   <li><b>More checks:</b> references to failure handlers, duplicate failure handler names, file
 *       and user-data regexes that match nothing, actions that select no job, {@code run_commands}
 *       without commands, unknown action types, excluded {@code slurm_defaults} keys, malformed
 *       memory and runtime strings, negative resource counts and the reserved resource name
 *       {@code default} are all reported by the dry run (and fail creation); unknown trigger types
 *       and ignored {@code use_parameters} are warnings.</li>
 *   <li><b>Explosion guard:</b> the number of jobs (and files) is computed before expanding and
 *       capped (default 1,000,000); float ranges whose step cannot advance are errors (torc looped
 *       forever); integer ranges are counted exactly (torc's counter could wrap).</li>
 *   <li><b>Duplicate keys</b> in any mapping are an error in every format.</li>
 *   <li><b>Format detection</b> for unknown extensions only accepts YAML when it yields a mapping,
 *       so a KDL file with another extension still reaches the KDL reader.</li>
 *   <li><b>Regexes</b> are Java regexes made to behave like Rust's where it matters (search
 *       semantics, Unicode {@code \d \w \s \b}, {@code (?P<name>)}); Java additionally accepts
 *       look-around and back-references, and its {@code $} also matches before a final newline.</li>
 *   <li>{@code ${user_data...}} is replaced by compact JSON with object keys sorted, as serde_json
 *       prints it without its {@code preserve_order} feature.</li>
 * </ol>
 * Kept on purpose (torc's behaviour, documented): the first-occurrence format quirk
 * ({@code {i:03d}} hides a plain {@code {i}} in the same field), the replace-vs-merge quirk of
 * {@code ${files...}} lists, float ranges by accumulation, duplicate job names failing the dry run.
 */
package org.torc.client.spec;
