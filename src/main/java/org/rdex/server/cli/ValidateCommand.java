package org.rdex.server.cli;

import org.rdex.server.common.CliCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.rdex.server.rdex.RdexDtd;
import org.rdex.server.rdex.RdexValidator;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import picocli.CommandLine;

@Dependent
@Unremovable
@CommandLine.Command(name = "validate",
        description = "Validate an RDEX file (.xml or .xml.gz) against the DTD. Exit 0 if valid, 1 if not.")
public class ValidateCommand implements CliCommand, Callable<Integer> {

    @CommandLine.Parameters(index = "0", description = "The file.")
    Path file;
    @CommandLine.Option(names = "--minimal", description = "Validate against the specification's minimal DTD.")
    boolean minimal;

    @Override
    public Integer call() throws Exception {
        RdexValidator.Result result = new RdexValidator(minimal ? RdexDtd.MINIMAL : RdexDtd.FULL).validate(file);
        result.problems().forEach(System.out::println);
        if (result.truncated()) {
            System.out.println("(more problems not shown)");
        }
        System.out.println(result.isValid() ? "valid" : "invalid: " + result.problems().size() + " problem(s)");
        return result.isValid() ? 0 : 1;
    }
}
