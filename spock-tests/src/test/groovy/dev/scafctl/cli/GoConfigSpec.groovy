package dev.scafctl.cli

import dev.scafctl.plugin.Platform
import dev.scafctl.support.PluginMirror
import dev.scafctl.support.RegistryFixture
import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonSlurper
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Unroll

import java.nio.file.Files
import java.nio.file.Path

/**
 * A config.yaml in the Go scafctl's schema reads, acts and survives rewrites. The file below is
 * written by hand from the Go scafctl's sources:
 * <ul>
 * <li>its keys and their shapes from pkg/config/types.go: Config (version, catalogs, settings,
 *     logging, httpClient, auth), CatalogConfig (name, type, path, url, auth {type, tokenEnvVar},
 *     authProvider, discoveryStrategy, metadata), Settings (defaultCatalog, noColor, versionCheck,
 *     disableOfficialCatalog), the catalog types filesystem, oci and http;</li>
 * <li>the built-in catalogs from pkg/config/defaults.yaml: local (filesystem) and official (oci,
 *     oci://ghcr.io/oakwood-commons, authProvider github), the default catalog official;</li>
 * <li>the chain's order from pkg/catalog/chain_builder.go: local, the configured catalogs,
 *     official last unless settings.disableOfficialCatalog; only oci catalogs are searched;</li>
 * <li>oci:// before a catalog's url from pkg/catalog/url.go (ParseCatalogURL);</li>
 * <li>the SCAFCTL_SETTINGS_* variables from pkg/cmd/scafctl/config/config.go (prefix SCAFCTL, nested
 *     keys joined by underscores);</li>
 * <li>the comment-only settings and the logging keys from pkg/cmd/scafctl/config/templates/minimal.yaml.</li>
 * </ul>
 * insecure is this scafctl's own key, which the Go scafctl passes over.
 */
class GoConfigSpec extends Specification {
    @Shared
    @AutoCleanup
    RegistryFixture registry = RegistryFixture.start()

    static final Path HELLO = ScafctlProcess.root().resolve('examples/hello/solution.yaml')

    ScafctlProcess user
    PluginMirror mirror
    Path file

    def setup() {
        user = ScafctlProcess.inTempHome()
        mirror = new PluginMirror(user.home.resolve('mirror'))
        file = user.home.resolve('config/scafctl/config.yaml')
        Files.createDirectories(file.parent)
        Files.writeString(file, goConfig())
    }

    def cleanup() {
        user?.home?.toFile()?.deleteDir()
    }

    String goConfig() {
        """# scafctl configuration
version: 1

settings:
  defaultCatalog: team      # push, tag and delete go here
  noColor: false
  # Suppress warnings and info messages
  # quiet: true
  versionCheck:
    enabled: false

logging:
  # Use "text" format for human-readable output during development
  format: "text"
  level: -1

httpClient: {timeout: "30s", retryMax: 3}

auth:
  github:
    clientId: Ov23li6xn492GhPmt4YG
    defaultScopes: [read:org, read:packages]

catalogs:
  - name: local
    type: filesystem
    path: ~/.scafctl/catalog/
  - name: team
    type: oci
    url: oci://${registry.host}/team
    insecure: true
    authProvider: github
    discoveryStrategy: index
    metadata:
      owner: platform
  - name: mirror
    type: filesystem
    path: ${mirror.dir}
  - name: legacy
    type: http
    url: https://catalog.example.com/v1
    auth:
      type: token
      tokenEnvVar: LEGACY_TOKEN
  - name: official
    type: oci
    url: oci://ghcr.io/oakwood-commons
    authProvider: github
    discoveryStrategy: auto
"""
    }

    private List<Map> chain(Map<String, String> env = [:]) {
        def r = user.run(['catalog', 'remote', 'list', '-o', 'json'], env)
        assert r.exitCode == 0: r
        new JsonSlurper().parseText(r.stdout) as List<Map>
    }

    @Unroll
    def "it reads, and the chain is local, the configured catalogs, then official: #how"() {
        given:
        if (setting) Files.writeString(file, goConfig().replace('  noColor: false\n', "  noColor: false\n  ${setting}\n"))

        when:
        def catalogs = chain(env)

        then:
        catalogs*.name == names
        def team = catalogs.find { it.name == 'team' }
        team.url == "oci://${registry.host}/team".toString()
        team.authProvider == 'github'
        team.default
        catalogs.find { it.name == 'local' }.path == user.home.resolve('data/scafctl/catalog').toString()

        where:
        how                                | env                                              | setting                        || names
        'official enabled'                 | [SCAFCTL_SETTINGS_DISABLEOFFICIALCATALOG: null]  | null                           || ['local', 'team', 'mirror', 'legacy', 'official']
        'disableOfficialCatalog in file'   | [SCAFCTL_SETTINGS_DISABLEOFFICIALCATALOG: null]  | 'disableOfficialCatalog: true' || ['local', 'team', 'mirror', 'legacy']
        'disabled by the environment'      | [:]                                              | null                           || ['local', 'team', 'mirror', 'legacy']
    }

    def "it acts: a push without --catalog goes to the default oci:// catalog, a plugin comes from the filesystem catalog"() {
        given: 'a built solution, and a plugin that only the mirror has'
        assert user.run('build', 'solution', '-f', HELLO.toString(), '--version', '1.0.0').exitCode == 0
        mirror.add('tool', '1.0.0', Platform.current().toString())
        def solution = user.solutionNeeding('tool')
        def official = [SCAFCTL_SETTINGS_DISABLEOFFICIALCATALOG: null]

        when: 'the solution is pushed, and the plugin locked, with the official catalog in the chain'
        def push = user.run(['catalog', 'push', 'hello@1.0.0'], official)
        def listed = user.run('catalog', 'list', '--catalog', 'team', '-o', 'json')
        def lock = user.run(['plugins', 'lock', '-f', solution.toString(), '-o', 'json'], official)

        then: 'the push reached the registry under team\'s path'
        push.exitCode == 0
        push.stdout.contains("${registry.host}/team/solutions/hello:1.0.0")
        new JsonSlurper().parseText(listed.stdout)*.name == ['hello']

        and: 'the plugin came from the mirror, before the http catalog (never searched) and official (last) were needed'
        lock.exitCode == 0
        new JsonSlurper().parseText(lock.stdout).collect { [it.name, it.version, it.from] } == [['tool', '1.0.0', 'mirror']]
    }

    @Unroll
    def "#change changes only its own lines; #undo gives back the same bytes"() {
        given:
        def before = Files.readString(file)
        def beforeLines = before.readLines()

        when:
        def changed = user.run(change.collect { it.replace('HOST', registry.host) })
        def afterLines = Files.readString(file).readLines()
        def undone = user.run(undo)

        then: 'the change wrote just its lines, in one place'
        changed.exitCode == 0
        def (removedLines, addedLines) = changedBlock(beforeLines, afterLines)
        addedLines == added.collect { it.replace('HOST', registry.host) }
        removedLines == gone

        and: 'undoing it restores the file byte for byte: comments, quoting, the Go keys and the built-in entries'
        undone.exitCode == 0
        Files.readString(file) == before

        where:
        change                                                             | undo                                                 || added | gone
        ['config', 'set', 'settings.quiet', 'true']                        | ['config', 'unset', 'settings.quiet']                || ['  quiet: true'] | []
        ['catalog', 'remote', 'add', 'extra', '--url', 'oci://HOST/extra'] | ['catalog', 'remote', 'remove', 'extra']             || ['  - name: extra', '    type: oci', '    url: oci://HOST/extra'] | []
        ['config', 'add-catalog', 'fs', '--path', '/srv/mirror']           | ['config', 'remove-catalog', 'fs']                   || ['  - name: fs', '    type: filesystem', '    path: /srv/mirror'] | []
        ['config', 'use-catalog', 'mirror']                                | ['catalog', 'remote', 'set-default', 'team']         || ['  defaultCatalog: mirror      # push, tag and delete go here'] | ['  defaultCatalog: team      # push, tag and delete go here']
        ['config', 'set', 'logging.level', '0']                            | ['config', 'set', 'logging.level', '-1']             || ['  level: 0'] | ['  level: -1']
    }

    /** The lines that differ between two texts that share a beginning and an end: [those of before, those of after]. */
    static List<List<String>> changedBlock(List<String> before, List<String> after) {
        int p = 0
        while (p < before.size() && p < after.size() && before[p] == after[p]) p++
        int s = 0
        while (s < before.size() - p && s < after.size() - p && before[before.size() - 1 - s] == after[after.size() - 1 - s]) s++
        [before.subList(p, before.size() - s), after.subList(p, after.size() - s)]
    }

    def "-v names the keys it does not act on, once, however often the config is read"() {
        when:
        def r = user.run('-v', 'catalog', 'remote', 'list')

        then:
        r.exitCode == 0
        r.stderr.count('kept as written, not used by this scafctl: version, logging, httpClient, auth, catalogs[local] (built in), '
                + 'catalogs[team].authProvider, catalogs[team].discoveryStrategy, catalogs[team].metadata, catalogs[legacy].auth, '
                + 'catalogs[legacy] (type http: not searched), catalogs[official] (built in), settings.versionCheck') == 1
        !r.stderr.contains('unknown keys')
    }

    def "the SCAFCTL_SETTINGS_ variables override the file; a wrong one is exit 2 naming it"() {
        expect:
        user.run(['config', 'get', 'settings.defaultCatalog'], [SCAFCTL_SETTINGS_DEFAULTCATALOG: 'mirror']).stdout == 'mirror\n'
        user.run(['catalog', 'remote', 'list'], [SCAFCTL_SETTINGS_QUIET: 'maybe']).with {
            exitCode == 2 && stderr.contains("environment variable SCAFCTL_SETTINGS_QUIET='maybe' is not true or false")
        }
    }

    def "without a config the official catalog is the default and last in the chain; it is left out, not removed"() {
        given: 'no config file, and the official catalog not disabled'
        Files.delete(file)
        def official = [SCAFCTL_SETTINGS_DISABLEOFFICIALCATALOG: null]

        when:
        def defaultCatalog = user.run(['config', 'get', 'settings.defaultCatalog'], official)
        def catalogs = chain(official)
        def remove = user.run(['config', 'remove-catalog', 'official'], official)
        def disable = user.run(['config', 'set', 'settings.disableOfficialCatalog', 'true'], official)

        then:
        defaultCatalog.stdout == 'official\n'
        catalogs.collect { [it.name, it.url] } == [['local', ''], ['official', 'oci://ghcr.io/oakwood-commons']]
        remove.exitCode == 2
        remove.stderr.contains('scafctl config set settings.disableOfficialCatalog true')
        disable.exitCode == 0
        chain(official)*.name == ['local']
        user.run(['config', 'get', 'settings.defaultCatalog'], official).exitCode == 2
    }
}
