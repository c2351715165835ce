package dev.scafctl.plugin.host;

import dev.scafctl.plugin.Platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Looks at a binary before it is launched. When exec refuses a file, the JDK runs it with
 * {@code /bin/sh} as a shell script instead of failing with "exec format error"; reading the header
 * first gives a message that names the platform the binary was built for.
 */
final class BinaryCheck {
    private static final Map<Integer, String> ELF_MACHINES = Map.of(
            3, "386", 62, "amd64", 40, "arm", 183, "arm64", 21, "ppc64le", 22, "s390x", 243, "riscv64", 8, "mips");

    private BinaryCheck() {
    }

    static void check(String plugin, Path path, Platform platform) {
        if (!Files.exists(path)) {
            throw new PluginException(plugin, "plugin " + plugin + ": " + path + " does not exist",
                    "check the path, or fetch the plugin again");
        }
        if (!Files.isRegularFile(path)) {
            throw new PluginException(plugin, "plugin " + plugin + ": " + path + " is not a file",
                    "point at the plugin binary itself");
        }
        if (!platform.isWindows() && !Files.isExecutable(path)) {
            throw new PluginException(plugin, "plugin " + plugin + ": " + path + " is not executable",
                    "make it executable (chmod +x " + path + "), or fetch the plugin again");
        }
        byte[] head = head(plugin, path);
        String foreign = foreignPlatform(head, platform);
        if (foreign != null) {
            throw new PluginException(plugin, "plugin " + plugin + ": " + path + " cannot run here: exec format error ("
                    + foreign + "; this machine is " + platform + ")",
                    "fetch the plugin built for " + platform + ", or ask its author to publish one");
        }
    }

    /** What the header says about a binary that cannot run on {@code platform}; null when it can (or may). */
    static String foreignPlatform(byte[] head, Platform platform) {
        if (startsWith(head, '#', '!')) {
            return null;
        }
        if (startsWith(head, 0x7f, 'E', 'L', 'F')) {
            if (!platform.os().equals("linux")) return "a Linux (ELF) binary";
            if (head.length < 20) return "a truncated ELF binary";
            boolean little = head[5] == 1;
            int machine = little ? (head[18] & 0xff) | (head[19] & 0xff) << 8 : (head[19] & 0xff) | (head[18] & 0xff) << 8;
            String arch = ELF_MACHINES.getOrDefault(machine, "machine type " + machine);
            return arch.equals(platform.arch()) || (arch.equals("arm") && platform.arch().startsWith("arm") && !platform.arch().equals("arm64"))
                    ? null : "built for linux/" + arch;
        }
        if (isMachO(head)) {
            return platform.os().equals("darwin") ? null : "a macOS (Mach-O) binary";
        }
        if (startsWith(head, 'M', 'Z')) {
            return platform.isWindows() ? null : "a Windows binary";
        }
        return platform.isWindows() ? null : "neither a native program nor a script with a #! line";
    }

    private static boolean isMachO(byte[] h) {
        return startsWith(h, 0xfe, 0xed, 0xfa, 0xce) || startsWith(h, 0xfe, 0xed, 0xfa, 0xcf)
                || startsWith(h, 0xce, 0xfa, 0xed, 0xfe) || startsWith(h, 0xcf, 0xfa, 0xed, 0xfe)
                || startsWith(h, 0xca, 0xfe, 0xba, 0xbe);
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xff) != prefix[i]) return false;
        }
        return true;
    }

    private static byte[] head(String plugin, Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(64);
        } catch (IOException e) {
            throw new PluginException(plugin, "plugin " + plugin + ": cannot read " + path + ": " + e.getMessage(),
                    "check the file's permissions");
        }
    }
}
