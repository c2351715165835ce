package dev.scafctl.cli

import dev.scafctl.support.ScafctlProcess
import spock.lang.Specification

import java.nio.file.Files

class ConfigCliSpec extends Specification {

    def scafctl = ScafctlProcess.inTempHome()

    def "config set writes the default catalog, get and view read it back"() {
        when: 'the default catalog is set through its alias'
        def set = scafctl.run('config', 'set', 'catalog', 'registry.example.com/team')

        then: 'the file holds it under settings.defaultCatalog'
        set.exitCode == 0
        def file = scafctl.home.resolve('config/scafctl/config.yaml')
        Files.readString(file) == 'settings:\n  defaultCatalog: registry.example.com/team\n'

        and: 'get and view show it'
        scafctl.run('config', 'get', 'settings.defaultCatalog').stdout == 'registry.example.com/team\n'
        scafctl.run('config', 'view', '-o', 'json').stdout.contains('"defaultCatalog": "registry.example.com/team"')
    }

    def "an unknown key in config.yaml is an error naming the key"() {
        given:
        def file = scafctl.home.resolve('config/scafctl/config.yaml')
        Files.createDirectories(file.parent)
        Files.writeString(file, content)

        when:
        def r = scafctl.run('config', 'view')

        then:
        r.exitCode == 2
        r.stderr.contains(message)

        where:
        content                                                   || message
        'setings: {}\n'                                           || "unknown key 'setings'"
        'settings: {defaultCatlog: x}\n'                          || "settings.defaultCatlog: unknown key 'defaultCatlog'"
        'catalogs: [{name: a, type: oci, url: x, colour: red}]\n' || "catalogs[0].colour: unknown key 'colour'"
        'catalogs: [{name: local, type: oci, url: x}]\n'          || "'local' is reserved"
        'catalogs: [{name: a, type: s3, url: x}]\n'               || "unknown catalog type 's3'"
    }

    def "#key cannot be set or read"() {
        expect:
        scafctl.run(['config'] + args).with { exitCode == 2 && stderr.contains(message) }

        where:
        args                       | key        || message
        ['set', 'colour', 'red']   | 'colour'   || "config key 'colour' cannot be set"
        ['get', 'settings.colour'] | 'colour'   || "unknown config key 'settings.colour'"
    }
}
