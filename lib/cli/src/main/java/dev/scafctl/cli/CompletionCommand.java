package dev.scafctl.cli;

import dev.scafctl.error.InvalidInputException;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scafctl completion bash|zsh}: the shell completion script for the whole command tree. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print the shell completion script for bash or zsh.",
        footer = {"", "bash:  source <(scafctl completion bash)      (or save it in /etc/bash_completion.d/scafctl)",
                "zsh:   source <(scafctl completion zsh)       (in ~/.zshrc; uses zsh's bashcompinit)"})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new InvalidInputException("unknown shell '" + shell + "' for completion; scafctl completes bash and zsh",
                    "run 'scafctl completion bash' or 'scafctl completion zsh'");
        }
        // the script is the same for both: it sets zsh up with bashcompinit when zsh sources it
        spec.commandLine().getOut().print(AutoComplete.bash("scafctl", Main.newCommandLine()));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
