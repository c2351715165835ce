package dev.scafctl.provider.builtin;

import dev.scafctl.provider.Provider;
import dev.scafctl.provider.ProviderContext;
import dev.scafctl.provider.ProviderDescriptor;
import dev.scafctl.provider.ProviderDescriptor.InputSpec;
import dev.scafctl.provider.ProviderException;
import dev.scafctl.provider.ProviderResult;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code exec}: runs a command; its stdout (without the final newline) is the value. Without
 * {@code args} the command is a shell command line; with {@code args} it is run directly.
 */
final class ExecProvider implements Provider {
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);
    private static final int MAX_OUTPUT = 16 * 1024 * 1024;
    private static final int STDERR_TAIL = 2000;
    private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builtIn("exec",
            "Runs a command; its stdout is the value",
            Map.of("command", InputSpec.required("string", "a shell command line, or the program when args are given"),
                    "args", InputSpec.optional("array", "arguments; the command then runs without a shell"),
                    "env", InputSpec.optional("object", "extra environment variables"),
                    "dir", InputSpec.optional("string", "working directory, relative to the solution's"),
                    "timeout", InputSpec.optional("string", "e.g. 30s or 5m; default 1m")));

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ProviderResult execute(Map<String, Object> inputs, ProviderContext context) {
        Inputs in = new Inputs("exec", inputs);
        in.allow("command", "args", "env", "dir", "timeout");
        String command = in.requiredString("command");
        List<String> args = in.optionalStringList("args");
        Duration timeout = in.optionalDuration("timeout", DEFAULT_TIMEOUT);
        List<String> argv = new ArrayList<>();
        if (inputs.containsKey("args")) {
            argv.add(command);
            argv.addAll(args);
        } else if (File.separatorChar == '\\') {
            argv.addAll(List.of("cmd.exe", "/c", command));
        } else {
            argv.addAll(List.of("/bin/sh", "-c", command));
        }
        Path dir = context.workingDirectory().resolve(in.optionalString("dir", ".")).normalize();
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
        pb.environment().putAll(in.optionalStringMap("env"));
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new ProviderException("cannot start '" + command + "' in " + dir + ": " + e.getMessage(),
                    "check that the program exists and the directory is right");
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the command does not read stdin
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread out = drain(process.getInputStream(), stdout);
        Thread err = drain(process.getErrorStream(), stderr);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new ProviderException("'" + command + "' did not finish within " + timeout.toSeconds() + "s; it was killed",
                        "raise the timeout input, or check why the command hangs");
            }
            out.join();
            err.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while running '" + command + "'", null);
        }
        int exit = process.exitValue();
        if (exit != 0) {
            String tail = stderr.toString(StandardCharsets.UTF_8).strip();
            if (tail.length() > STDERR_TAIL) tail = "..." + tail.substring(tail.length() - STDERR_TAIL);
            throw new ProviderException("'" + command + "' exited with code " + exit
                    + (tail.isEmpty() ? " and wrote nothing to stderr" : "; stderr: " + tail),
                    "fix the command, or run it by hand in " + dir + " to see why it fails");
        }
        String text = stdout.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r\n")) text = text.substring(0, text.length() - 2);
        else if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
        return ProviderResult.of(text);
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream into) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (into.size() + n <= MAX_OUTPUT) into.write(buf, 0, n);
                }
            } catch (IOException ignored) {
                // the process went away; what was read is kept
            }
        }, "exec-drain");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
