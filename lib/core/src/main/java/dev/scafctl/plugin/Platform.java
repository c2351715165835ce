package dev.scafctl.plugin;

import dev.scafctl.error.InvalidInputException;

import java.util.Locale;
import java.util.regex.Pattern;

/** A Go-style platform, {@code os/arch}: {@code linux/amd64}, {@code darwin/arm64}, {@code windows/amd64}. */
public record Platform(String os, String arch) implements Comparable<Platform> {
    private static final Pattern PART = Pattern.compile("[a-z0-9]+");

    public Platform {
        if (os == null || arch == null || !PART.matcher(os).matches() || !PART.matcher(arch).matches()) {
            throw invalid(os + "/" + arch);
        }
    }

    public static Platform parse(String text) {
        if (text == null) throw invalid("null");
        String[] parts = text.trim().split("/");
        if (parts.length != 2) throw invalid(text);
        return new Platform(parts[0].toLowerCase(Locale.ROOT), parts[1].toLowerCase(Locale.ROOT));
    }

    /** The platform this JVM runs on, in Go's names. */
    public static Platform current() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String goOs = os.startsWith("windows") ? "windows" : os.startsWith("mac") || os.contains("darwin") ? "darwin"
                : os.contains("linux") ? "linux" : os.replaceAll("[^a-z0-9]", "");
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String goArch = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> arch.replaceAll("[^a-z0-9]", "");
        };
        return new Platform(goOs, goArch);
    }

    private static InvalidInputException invalid(String text) {
        return new InvalidInputException("invalid platform '" + text + "'",
                "write a platform as os/arch, e.g. linux/amd64, linux/arm64, darwin/arm64, windows/amd64");
    }

    /** The cache directory segment: {@code linux-amd64}. */
    public String dirName() {
        return os + "-" + arch;
    }

    public boolean isWindows() {
        return os.equals("windows");
    }

    @Override
    public int compareTo(Platform o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return os + "/" + arch;
    }
}
