package org.torc.client.spec.params;

import java.util.List;

/** Parameter substitution into templates such as {@code "job_{i:03d}"}, with torc's exact rules. */
public final class Templates {
    private Templates() {
    }

    /**
     * Substitutes one combination of parameter values into {@code template}, parameter by parameter
     * in the given order. For each parameter: if the template contains {@code {name:}, the text up
     * to the next {@code }} is taken as a format spec, and every occurrence of that exact
     * placeholder is replaced; nothing else is done for this parameter (so a plain {@code {name}}
     * or a second, differently formatted placeholder stays as it is — torc's first-occurrence
     * quirk). Otherwise every {@code {name}} is replaced with the value's display form.
     */
    public static String substitute(String template, List<String> names, List<ParameterValue> values) {
        if (template.indexOf('{') < 0) {
            return template;
        }
        String result = template;
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            ParameterValue value = values.get(k);
            String withFormat = "{" + name + ":";
            int start = result.indexOf(withFormat);
            if (start >= 0) {
                int end = result.indexOf('}', start);
                if (end >= 0) {
                    String placeholder = result.substring(start, end + 1);
                    String spec = placeholder.substring(withFormat.length(), placeholder.length() - 1);
                    result = result.replace(placeholder, value.format(spec));
                    continue;
                }
            }
            result = result.replace("{" + name + "}", value.display());
        }
        return result;
    }
}
