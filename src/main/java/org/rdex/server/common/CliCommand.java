package org.rdex.server.common;

/**
 * Marker of a top-level subcommand. A feature adds a command by writing a {@code @Dependent @Unremovable}
 * bean annotated with {@code @CommandLine.Command} that implements this interface; nested subcommands
 * named in {@code subcommands = ...} are created through CDI too.
 */
public interface CliCommand {
}
