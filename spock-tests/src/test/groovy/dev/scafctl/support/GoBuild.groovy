package dev.scafctl.support

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * Builds the Go programs under src/test/go once per test run, offline, from Debian's Go packages
 * (GOPATH mode against /usr/share/gocode): a plugin written on hashicorp/go-plugin, and a host
 * using go-plugin's own client. Go stubs for our plugin.proto are generated with protoc first.
 */
class GoBuild {
    static final Path SOURCES = ScafctlProcess.root().resolve('spock-tests/src/test/go')
    static final Path OUT = ScafctlProcess.root().resolve('spock-tests/target/go')
    static final Path GOPATH = OUT.resolve('gopath')
    static final String IMPORT_ROOT = 'scafctl.test'
    private static final Map<String, Path> built = [:]
    private static boolean stubsGenerated

    /** The go-plugin provider plugin serving {@code go-hello}. */
    static synchronized Path helloPlugin() {
        build('hello-plugin')
    }

    /**
     * The go-plugin host that calls a plugin's {@code echo} provider and exits 0 when all answers are
     * right; with {@code check-descriptors PLUGIN}, it applies the Go scafctl's descriptor checks instead.
     */
    static synchronized Path host() {
        build('host')
    }

    /** Reads and writes a solution lock with the Go scafctl's schema and rules ({@code lockfile read|write FILE}). */
    static synchronized Path lockfile() {
        build('lockfile')
    }

    private static Path build(String name) {
        if (built[name]) return built[name]
        generateStubs()
        Path pkg = GOPATH.resolve("src/${IMPORT_ROOT}/${name}")
        Files.createDirectories(pkg)
        SOURCES.resolve(name).toFile().eachFileMatch(~/.*\.go/) { f ->
            Files.copy(f.toPath(), pkg.resolve(f.name), java.nio.file.StandardCopyOption.REPLACE_EXISTING)
        }
        Path binary = OUT.resolve("bin/${name}")
        run(['go', 'build', '-o', binary.toString(), "${IMPORT_ROOT}/${name}".toString()])
        built[name] = binary
        binary
    }

    private static void generateStubs() {
        if (stubsGenerated) return
        Path out = GOPATH.resolve('src')
        Files.createDirectories(out.resolve("${IMPORT_ROOT}/pluginpb"))
        String mapping = "Mplugin/provider.proto=${IMPORT_ROOT}/pluginpb"
        run(['protoc', '-I', ScafctlProcess.root().resolve('proto/src/main/proto').toString(),
             "--go_out=${out}".toString(), "--go_opt=${mapping}".toString(),
             "--go-grpc_out=${out}".toString(), "--go-grpc_opt=${mapping}".toString(),
             'plugin/provider.proto'])
        stubsGenerated = true
    }

    private static void run(List<String> cmd) {
        def pb = new ProcessBuilder(cmd).directory(OUT.toFile()).redirectErrorStream(true)
        Files.createDirectories(OUT)
        pb.environment().putAll([GO111MODULE: 'off', GOPATH: "${GOPATH}:/usr/share/gocode".toString(), GOFLAGS: ''])
        if (!System.getenv('HOME')) pb.environment().GOCACHE = OUT.resolve('cache').toString()
        Process p
        try {
            p = pb.start()
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ${cmd[0]}: ${e.message}; install the test dependencies with scripts/install-test-deps", e)
        }
        String output = p.inputStream.text
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("${cmd.join(' ')} failed:\n${output}\n(install the test dependencies with scripts/install-test-deps)")
        }
    }
}
