package dev.scafctl.provider.builtin;

import dev.scafctl.error.ScafctlException;
import dev.scafctl.format.Formats;
import dev.scafctl.provider.Provider;
import dev.scafctl.provider.ProviderContext;
import dev.scafctl.provider.ProviderDescriptor;
import dev.scafctl.provider.ProviderDescriptor.InputSpec;
import dev.scafctl.provider.ProviderException;
import dev.scafctl.provider.ProviderResult;

import dev.scafctl.io.BoundedFiles;
import dev.scafctl.io.FileTooLargeException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** {@code file}: a file's content as text, or parsed as JSON or YAML; relative paths start at the solution's directory. */
final class FileProvider implements Provider {
    static final long MAX_BYTES = Formats.MAX_DOCUMENT_CHARS;
    private static final String NEXT_STEP_TOO_LARGE = "read a smaller file, or use the exec provider to extract what you need";
    private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builtIn("file",
            "A file's content: text, or parsed JSON or YAML",
            Map.of("path", InputSpec.required("string", "the file, relative to the solution's directory"),
                    "parse", InputSpec.optional("string", "text (default), json or yaml")));

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ProviderResult execute(Map<String, Object> inputs, ProviderContext context) {
        Inputs in = new Inputs("file", inputs);
        in.allow("path", "parse");
        String parse = in.optionalString("parse", "text");
        if (!parse.equals("text") && !parse.equals("json") && !parse.equals("yaml")) {
            throw in.bad("parse", "unknown value '" + parse + "'; use text, json or yaml");
        }
        Path path = context.workingDirectory().resolve(in.requiredString("path")).normalize();
        String text;
        try {
            text = BoundedFiles.readText(path, MAX_BYTES, "file", NEXT_STEP_TOO_LARGE);
        } catch (FileTooLargeException e) {
            // the file is data the solution chose to read, not the user's request: a failure, not invalid input
            throw new ProviderException(e.getMessage(), NEXT_STEP_TOO_LARGE);
        } catch (NoSuchFileException e) {
            throw new ProviderException("file not found: " + path, "create it or fix the path input");
        } catch (IOException e) {
            throw new ProviderException("cannot read " + path + ": " + e.getMessage(), "check the file's permissions");
        }
        try {
            return ProviderResult.of(switch (parse) {
                case "json" -> Formats.toJava(Formats.readJsonTree(text, path.toString()));
                case "yaml" -> Formats.toJava(Formats.readYamlTree(text, path.toString()));
                default -> text;
            });
        } catch (ScafctlException e) {
            throw new ProviderException(e.getMessage(), "fix the file, or read it with parse: text");
        }
    }
}
