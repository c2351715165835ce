package dev.scafctl.reliability

import dev.scafctl.oci.Digest
import dev.scafctl.plugin.Platform
import dev.scafctl.support.PluginMirror
import dev.scafctl.support.Processes
import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonSlurper
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

/**
 * The plugin cache under attack by a process that can write it: a binary renamed over a cached
 * entry in a loop while solutions run (the window between hashing a file and executing it), and
 * symbolic links planted in the cache. The evil binaries leave a marker file if they ever run.
 */
class ReliabilityCacheRaceSpec extends Specification {
    static final Path ECHO = ScafctlProcess.root().resolve('examples/plugins/echo/target/echo')

    ScafctlProcess user = ScafctlProcess.inTempHome()
    Path marker = user.home.resolve('evil-binary-ran')
    Path solution = user.home.resolve('app/solution.yaml')
    Path cacheDir = user.home.resolve("cache/scafctl/plugins/echo/1.2.0/${Platform.current().dirName()}")
    Process attacker

    def setup() {
        assert Files.isExecutable(ECHO): 'the echo example plugin is built by the Maven build (examples/plugins/echo)'
        def mirror = new PluginMirror(user.home.resolve('mirror'))
        mirror.addCopy('echo', '1.2.0', ECHO)
        mirror.configure(user)
        Files.createDirectories(solution.parent)
        Files.writeString(solution, '''apiVersion: scafctl.io/v1
kind: Solution
metadata: {name: app}
bundle:
  plugins:
    - {name: echo, kind: provider, version: "^1.0.0"}
spec:
  resolvers:
    said:
      resolve:
        with:
          - provider: echo
            inputs: {message: genuine}
''')
        user.env.MARKER = marker.toString()
    }

    def cleanup() {
        attacker?.destroyForcibly()?.waitFor()
        Processes.killAll(user.home.toString())
        user.home.toFile().deleteDir()
    }

    def "a binary renamed over the cached plugin in a loop while solutions run never runs"() {
        given: 'a first run fills the cache'
        def first = user.run('run', 'solution', '-f', solution.toString(), '-o', 'json')
        assert first.exitCode == 0: first.toString()
        def cached = cacheDir.resolve('echo')

        and: 'a process that can write the cache directory renames the genuine binary and an evil one over the entry, in turn, without pause'
        def genuine = Files.copy(cached, user.home.resolve('genuine'))
        def evil = user.home.resolve('evil')
        Files.writeString(evil, "#!/bin/sh\ntouch \"\$MARKER\"\nexit 1\n")
        evil.toFile().setExecutable(true)
        attacker = new ProcessBuilder('/bin/sh', '-c', '''
            while :; do
              ln -f "$1" "$3/.g" && mv -f "$3/.g" "$3/echo"
              ln -f "$2" "$3/.e" && mv -f "$3/.e" "$3/echo"
            done''', 'attacker', genuine.toString(), evil.toString(), cacheDir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()

        when: 'six runs go through that cache'
        def runs = (1..6).collect { user.run('run', 'solution', '-f', solution.toString(), '-o', 'json') }

        then: 'each run either used the genuine bytes or refused, naming what changed'
        runs.every { r ->
            (r.exitCode == 0 && new JsonSlurper().parseText(r.stdout).said == [message: 'genuine']) ||
                    (r.exitCode == 1 && (r.stderr.contains('is not the binary that was pinned or verified') || r.stderr.contains('digest mismatch')))
        }

        and: 'the evil binary never ran'
        !Files.exists(marker)
    }

    def "a cache whose plugin directory is a symbolic link is refused, and nothing is written where it points"() {
        given: "the cache's echo directory is a link to a directory outside the cache"
        def outside = Files.createDirectories(user.home.resolve('outside'))
        def plugins = Files.createDirectories(user.home.resolve('cache/scafctl/plugins'))
        Files.createSymbolicLink(plugins.resolve('echo'), outside)

        when:
        def r = user.run('plugins', 'install', '-f', solution.toString())

        then: 'the install fails, naming the link and how to remove it'
        r.exitCode == 1
        r.stderr.contains("the plugin cache entry ${plugins.resolve('echo')} is a symbolic link")
        r.stderr.contains("rm ${plugins.resolve('echo')}")

        and: 'nothing was written outside the cache'
        Files.list(outside).withCloseable { it.toList() } == []
    }

    def "a cached binary that is a symbolic link is replaced by a verified file, not followed"() {
        given: 'the cache entry is a link to a copy of the genuine binary outside the cache'
        def outside = user.home.resolve('elsewhere/echo')
        Files.createDirectories(outside.parent)
        Files.copy(ECHO, outside, StandardCopyOption.COPY_ATTRIBUTES)
        Files.createDirectories(cacheDir)
        Files.createSymbolicLink(cacheDir.resolve('echo'), outside)

        when:
        def r = user.run('run', 'solution', '-f', solution.toString(), '-o', 'json')

        then: 'the run works with a verified download and says why'
        r.exitCode == 0
        r.stderr.contains('is a symbolic link, which scafctl never follows in its cache')
        new JsonSlurper().parseText(r.stdout).said == [message: 'genuine']

        and: 'the entry is now a regular file and the link target is untouched'
        Files.isRegularFile(cacheDir.resolve('echo'), java.nio.file.LinkOption.NOFOLLOW_LINKS)
        !Files.isSymbolicLink(cacheDir.resolve('echo'))
        Digest.of(outside) == Digest.of(ECHO)
    }
}
