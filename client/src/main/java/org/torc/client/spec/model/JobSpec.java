package org.torc.client.spec.model;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** One job of a specification (torc's {@code JobSpec}); may stand for many jobs until expanded. */
public record JobSpec(
        String name,
        String command,
        String invocationScript,
        Boolean cancelOnBlockingJobFailure,
        Boolean supportsTermination,
        String resourceRequirements,
        String failureHandler,
        List<String> dependsOn,
        List<String> dependsOnRegexes,
        List<String> inputFiles,
        List<String> inputFileRegexes,
        List<String> outputFiles,
        List<String> outputFileRegexes,
        List<String> inputUserData,
        List<String> inputUserDataRegexes,
        List<String> outputUserData,
        List<String> outputUserDataRegexes,
        String scheduler,
        Map<String, String> parameters,
        String parameterMode,
        List<String> useParameters) {

    public static final List<String> FIELDS = List.of(
            "name", "command", "invocation_script", "cancel_on_blocking_job_failure",
            "supports_termination", "resource_requirements", "failure_handler", "depends_on",
            "depends_on_regexes", "input_files", "input_file_regexes", "output_files",
            "output_file_regexes", "input_user_data", "input_user_data_regexes", "output_user_data",
            "output_user_data_regexes", "scheduler", "parameters", "parameter_mode", "use_parameters");

    /** A job with only a name and a command. */
    public static JobSpec of(String name, String command) {
        return new JobSpec(name, command, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    /**
     * Applies {@code f} to exactly the fields torc substitutes parameters into: name, command,
     * invocation_script, resource_requirements, scheduler, depends_on, the four file and user-data
     * name lists and all five regex lists. {@code failure_handler} is left alone, as in torc.
     * The result has no parameters, parameter mode or inherited parameter names.
     */
    public JobSpec substituted(UnaryOperator<String> f) {
        return new JobSpec(f.apply(name), f.apply(command), map(invocationScript, f),
                cancelOnBlockingJobFailure, supportsTermination, map(resourceRequirements, f),
                failureHandler, map(dependsOn, f), map(dependsOnRegexes, f), map(inputFiles, f),
                map(inputFileRegexes, f), map(outputFiles, f), map(outputFileRegexes, f),
                map(inputUserData, f), map(inputUserDataRegexes, f), map(outputUserData, f),
                map(outputUserDataRegexes, f), map(scheduler, f), null, null, null);
    }

    /** This job with its command, invocation script and the four name lists replaced. */
    public JobSpec withVariables(String newCommand, String newInvocationScript, List<String> newInputFiles,
            List<String> newOutputFiles, List<String> newInputUserData, List<String> newOutputUserData) {
        return new JobSpec(name, newCommand, newInvocationScript, cancelOnBlockingJobFailure,
                supportsTermination, resourceRequirements, failureHandler, dependsOn, dependsOnRegexes,
                newInputFiles, inputFileRegexes, newOutputFiles, outputFileRegexes, newInputUserData,
                inputUserDataRegexes, newOutputUserData, outputUserDataRegexes, scheduler, parameters,
                parameterMode, useParameters);
    }

    /** This job with the given effective parameters and no {@code use_parameters}. */
    public JobSpec withParameters(Map<String, String> effective) {
        return new JobSpec(name, command, invocationScript, cancelOnBlockingJobFailure,
                supportsTermination, resourceRequirements, failureHandler, dependsOn, dependsOnRegexes,
                inputFiles, inputFileRegexes, outputFiles, outputFileRegexes, inputUserData,
                inputUserDataRegexes, outputUserData, outputUserDataRegexes, scheduler, effective,
                parameterMode, null);
    }

    static String map(String s, UnaryOperator<String> f) {
        return s == null ? null : f.apply(s);
    }

    static List<String> map(List<String> list, UnaryOperator<String> f) {
        return list == null ? null : list.stream().map(f).toList();
    }
}
