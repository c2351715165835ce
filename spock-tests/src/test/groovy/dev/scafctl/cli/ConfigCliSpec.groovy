package dev.scafctl.cli

import dev.scafctl.support.ScafctlProcess
import groovy.json.JsonSlurper
import spock.lang.Specification
import spock.lang.Unroll

import java.nio.file.Files
import java.nio.file.Path

class ConfigCliSpec extends Specification {

    def scafctl = ScafctlProcess.inTempHome()
    Path file = scafctl.home.resolve('config/scafctl/config.yaml')

    def cleanup() {
        scafctl.home.toFile().deleteDir()
    }

    private void write(String content) {
        Files.createDirectories(file.parent)
        Files.writeString(file, content)
    }

    def "config set writes the default catalog, get and view read it back"() {
        when: 'the default catalog is set through its alias'
        def set = scafctl.run('config', 'set', 'catalog', 'registry.example.com/team')

        then: 'the file holds it under settings.defaultCatalog'
        set.exitCode == 0
        Files.readString(file) == 'settings:\n  defaultCatalog: registry.example.com/team\n'

        and: 'get and view show it'
        scafctl.run('config', 'get', 'settings.defaultCatalog').stdout == 'registry.example.com/team\n'
        scafctl.run('config', 'view', '-o', 'json').stdout.contains('"defaultCatalog": "registry.example.com/team"')
    }

    @Unroll
    def "#key: #value is refused with exit 2 naming the key, the value and the fix"() {
        given: 'a config with one wrong value for a key scafctl acts on'
        write(content)

        when:
        def r = scafctl.run('config', 'validate')

        then:
        r.exitCode == 2
        r.stderr.contains("${file}: ${key}: ")
        r.stderr.contains(message)
        r.stderr.contains('Next: ')

        where:
        key                         | value           | content                                                        || message
        'catalogs'                  | 'a word'        | 'catalogs: corp\n'                                             || "must be a list of catalogs, not 'corp'"
        'catalogs[0].type'          | 's3'            | 'catalogs: [{name: a, type: s3, url: x.io/a}]\n'               || "unknown catalog type 's3'; use oci, filesystem or http"
        'catalogs[0].url'           | 'no host'       | 'catalogs: [{name: a, type: oci, url: team}]\n'                || "'team' is not a registry host"
        'catalogs[0].url'           | 'plain http'    | 'catalogs: [{name: a, type: oci, url: "http://x.io/a"}]\n'     || 'plain http:// is not a catalog URL'
        'catalogs[0].path'          | 'missing'       | 'catalogs: [{name: a, type: filesystem}]\n'                    || 'a filesystem catalog needs a path'
        'catalogs[0].name'          | 'a dotted name' | 'catalogs: [{name: a.b, type: oci, url: x.io/a}]\n'            || "invalid catalog name 'a.b'"
        'catalogs[0].insecure'      | 'maybe'         | 'catalogs: [{name: a, type: oci, url: x.io/a, insecure: maybe}]\n' || "'maybe' is not true or false"
        'catalogs[1].name'          | 'a twin'        | 'catalogs: [{name: a, type: oci, url: x.io/a}, {name: a, type: oci, url: x.io/b}]\n' || "catalog 'a' is listed twice"
        'settings'                  | 'a list'        | 'settings: [a]\n'                                              || 'must be a mapping, not a list'
        'settings.noColor'          | 'maybe'         | 'settings: {noColor: maybe}\n'                                 || "'maybe' is not true or false"
        'settings.disableOfficialCatalog' | '2'       | 'settings: {disableOfficialCatalog: "2"}\n'                    || "'2' is not true or false"
    }

    @Unroll
    def "config set #key #value is refused with exit 2: #message"() {
        expect:
        scafctl.run('config', 'set', key, value).with { exitCode == 2 && stderr.contains(message) }
        !Files.exists(file)

        where:
        key                      | value   || message
        'colour'                 | 'red'   || "config key 'colour' cannot be set"
        'settings.quiet'         | 'maybe' || "settings.quiet: 'maybe' is not true or false"
        'catalogs'               | 'x'     || 'catalogs are not changed with config set'
        'logging'                | 'x'     || 'logging is a section, not a value'
    }

    def "#key cannot be read"() {
        expect:
        scafctl.run(['config'] + args).with { exitCode == 2 && stderr.contains(message) }

        where:
        args                       | key        || message
        ['get', 'settings.colour'] | 'colour'   || "unknown config key 'settings.colour'"
        ['get', 'logging.level']   | 'level'    || "config key 'logging.level' is not set"
    }

    def "keys scafctl does not act on are no error: -v names them once, as kept or unknown"() {
        given: 'a config with a Go scafctl section, a typo and a catalog key of the Go scafctl'
        write('''version: 1
setings: {quiet: true}
logging: {level: debug}
catalogs:
  - {name: corp, type: oci, url: oci://registry.example.com/corp, authProvider: github}
''')

        when: 'a command that reads the config several times runs, with and without -v'
        def quiet = scafctl.run('catalog', 'remote', 'list', '-o', 'json')
        def verbose = scafctl.run('-v', 'catalog', 'remote', 'list', '-o', 'json')

        then: 'both succeed; only -v reports, once'
        quiet.exitCode == 0
        quiet.stderr == ''
        verbose.exitCode == 0
        verbose.stderr.count('kept as written, not used by this scafctl: version, logging, catalogs[corp].authProvider') == 1
        verbose.stderr.count('unknown keys, kept as written (typos?): setings (did you mean settings?)') == 1
    }

    def "config init writes a starter config that reads, and keeps an existing one unless --force"() {
        when:
        def first = scafctl.run('config', 'init')
        def written = Files.readString(file)
        Files.writeString(file, 'settings: {quiet: true}\n')
        def again = scafctl.run('config', 'init')
        def kept = Files.readString(file)
        def forced = scafctl.run('config', 'init', '--force')
        def dry = scafctl.run('config', 'init', '--dry-run')

        then: 'the starter is the Go scafctl\'s shape: version 1, settings, the local catalog'
        first.exitCode == 0
        written.contains('version: 1\n') && written.contains('catalogs:\n  - name: local\n    type: filesystem\n')
        scafctl.run('config', 'validate').exitCode == 0

        and: 'a second init is refused, naming the file and --force'
        again.exitCode == 2
        again.stderr.contains("config file already exists: ${file}")
        again.stderr.contains('--force')
        kept == 'settings: {quiet: true}\n'

        and: '--force overwrites; --dry-run prints and writes nothing'
        forced.exitCode == 0
        Files.readString(file) == written
        dry.exitCode == 0
        dry.stdout == written
    }

    def "config unset removes one key and nothing else; a key not set is exit 2"() {
        given:
        write('# mine\nsettings:\n  defaultCatalog: corp   # the team\'s\n  quiet: true\nlogging: {level: debug}\n')

        when:
        def unset = scafctl.run('config', 'unset', 'settings.defaultCatalog')
        def nested = scafctl.run('config', 'unset', 'logging.level')
        def missing = scafctl.run('config', 'unset', 'settings.defaultCatalog')

        then:
        unset.exitCode == 0
        nested.exitCode == 0
        Files.readString(file) == '# mine\nsettings:\n  quiet: true\nlogging: {}\n'
        missing.exitCode == 2
        missing.stderr.contains("config key 'settings.defaultCatalog' is not set")
    }

    def "config validate reports what it read with -o json, and a missing file is exit 2"() {
        given:
        write('version: 1\ncatalogs: [{name: corp, type: oci, url: oci://registry.example.com/corp}]\nsettings: {defaultCatalog: corp}\nbuild: {enableCache: false}\n')

        when:
        def r = scafctl.run('config', 'validate', '-o', 'json')
        def text = scafctl.run('config', 'validate')
        def other = scafctl.run('config', 'validate', scafctl.home.resolve('nothere.yaml').toString())

        then:
        r.exitCode == 0
        new JsonSlurper().parseText(r.stdout) == [file          : file.toString(), valid: true, version: 1,
                                                  catalogs      : ['local', 'corp', 'official'], defaultCatalog: 'corp',
                                                  kept          : ['version', 'build'], unknown: []]
        text.exitCode == 0
        text.stdout.startsWith("valid: ${file}\n")
        other.exitCode == 2
        other.stderr.contains('config file not found')
        other.stderr.contains('scafctl config init')
    }

    def "config paths lists scafctl's files under the XDG directories, with -o json"() {
        when:
        def r = scafctl.run('config', 'paths', '-o', 'json')
        def paths = new JsonSlurper().parseText(r.stdout).collectEntries { [(it.name): it] }

        then:
        r.exitCode == 0
        paths.Config.path == file.toString()
        paths.Config.xdgVariable == 'XDG_CONFIG_HOME'
        paths.Catalog.path == scafctl.home.resolve('data/scafctl/catalog').toString()
        paths.Plugins.path == scafctl.home.resolve('cache/scafctl/plugins').toString()
        paths.keySet() == ['Config', 'Credentials', 'Data', 'Catalog', 'Cache', 'Plugins'] as Set
    }
}
