package io.newsstream.local;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./newsstream}: one command line for the whole product. {@code local} runs everything on
 * this machine; {@code tail}, {@code publish} and {@code poll} talk to a running stack (the local
 * run or the Docker stack, both on ports 9092 and 8081 of this host by default); {@code topics}
 * trains and evaluates the news-topic model.
 */
@Command(
        name = "newsstream",
        mixinStandardHelpOptions = true,
        subcommands = {
            LocalRun.class,
            TailCommand.class,
            ProducerCommands.Publish.class,
            ProducerCommands.Poll.class,
            io.newsstream.processor.training.TopicsCommand.class
        },
        description = "Event-streaming news ingestion: run it, feed it, subscribe to it.")
public final class Newsstream implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // The commands that talk to a running stack log warnings to the console only; `local`
        // configures its own logging (to its data directory) before its first logger.
        if (args.length == 0 || !"local".equals(args[0])) {
            if (System.getProperty("log4j2.configurationFile") == null) {
                System.setProperty("log4j2.configurationFile", "log4j2-cli.xml");
            }
        }
        CommandLine cli = new CommandLine(new Newsstream());
        // A bad definition, path or setting is one line naming it, not a stack trace.
        cli.setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                    if (e instanceof io.newsstream.common.config.ConfigException) {
                        cmd.getErr().println("newsstream: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                });
        System.exit(cli.execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
