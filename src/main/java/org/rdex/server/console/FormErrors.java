package org.rdex.server.console;

import java.util.List;
import java.util.stream.Collectors;

import org.rdex.server.common.FieldError;

import io.quarkus.qute.TemplateData;

/** A form's field errors, so that a template shows each one beside its field ({@code errors.of('sites')}). */
@TemplateData
public record FormErrors(List<FieldError> all) {

    static final FormErrors NONE = new FormErrors(List.of());

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /** What is wrong with {@code field}, in the service's words, or null when nothing is. */
    public String of(String field) {
        String text = all.stream().filter(f -> f.field().equals(field)).map(FieldError::message)
                .collect(Collectors.joining("; "));
        return text.isEmpty() ? null : text;
    }
}
