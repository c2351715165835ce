package dev.scafctl.plugin.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a plugin die with its host, even when the host is killed with {@code kill -9} and the
 * plugin (a Go one, say) does not watch its parent. The plugin is started through {@code /bin/sh},
 * which forks a watcher holding the read end of a pipe from the host and then {@code exec}s the
 * plugin, so the plugin keeps the process id, stdout, stderr and exit code the host sees.
 * The host tells the watcher, one line each, its private socket directory ({@code dir PATH}),
 * the socket the plugin announced ({@code socket PATH}), and that it is done with the plugin
 * ({@code done}: the watcher exits quietly). End-of-file before {@code done} only happens when
 * the host died: the watcher then sends TERM, KILL two seconds later, and removes the socket
 * and the directory, which a killed go-plugin plugin leaves behind.
 */
final class Watchdog {
    static final String NAME = "scafctl-plugin-watchdog";

    // fd 3 keeps the host pipe for the watcher only; the plugin gets /dev/null as stdin and the
    // watcher none of the host's output pipes, so the host sees end-of-file when the plugin exits.
    private static final String SCRIPT = String.join("\n",
            "exec 3<&0",
            "(",
            "  trap '' INT",
            "  dir=; sock=",
            "  while read -r cmd arg <&3; do",
            "    case $cmd in",
            "      dir) dir=$arg ;;",
            "      socket) sock=$arg ;;",
            "      done) exit 0 ;;",
            "    esac",
            "  done",
            "  kill -TERM $$ 2>/dev/null",
            "  n=0",
            "  while [ $n -lt 20 ] && kill -0 $$ 2>/dev/null; do sleep 0.1; n=$((n+1)); done",
            "  kill -KILL $$ 2>/dev/null",
            "  if [ -n \"$sock\" ] && [ -S \"$sock\" ]; then rm -f \"$sock\"; fi",
            "  if [ -n \"$dir\" ]; then rm -rf \"$dir\"; fi",
            ") </dev/null >/dev/null 2>&1 &",
            "exec \"$@\" </dev/null 3<&-",
            "");

    private Watchdog() {
    }

    static List<String> command(Path binary, List<String> args, boolean windows) {
        List<String> cmd = new ArrayList<>();
        if (!windows) {
            cmd.addAll(List.of("/bin/sh", "-c", SCRIPT, NAME));
        }
        cmd.add(binary.toString());
        cmd.addAll(args);
        return cmd;
    }
}
