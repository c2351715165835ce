package dev.scafctl.config

import dev.scafctl.support.ScafctlProcess
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * The Go scafctl's places (pkg/paths/doc.go and paths_darwin.go in oakwood-commons/scafctl):
 * XDG variables first; else ~/.config, ~/.local/share, ~/.cache on Linux and on macOS (it
 * overrides the GUI defaults under ~/Library); on Windows %LOCALAPPDATA%\scafctl for config and
 * data and %LOCALAPPDATA%\cache\scafctl for the cache.
 */
class PathsSpec extends Specification {
    Path home = Files.createTempDirectory('paths-home')

    def cleanup() {
        home.toFile().deleteDir()
    }

    def "on #os the config, data and cache are where the Go tool keeps them"() {
        when:
        def p = Paths.fromEnvironment(env.collectEntries { k, v -> [k, v.replace('HOME', home.toString())] }, os, home.toString())

        then:
        p.configDir() == home.resolve(config)
        p.dataDir() == home.resolve(data)
        p.cacheDir() == home.resolve(cache)
        p.moves().isEmpty()

        where:
        os         | env                                                  || config                           | data                             | cache
        'Linux'    | [:]                                                  || '.config/scafctl'                | '.local/share/scafctl'           | '.cache/scafctl'
        'Mac OS X' | [:]                                                  || '.config/scafctl'                | '.local/share/scafctl'           | '.cache/scafctl'
        'Mac OS X' | [XDG_CONFIG_HOME: 'HOME/x', XDG_CACHE_HOME: 'HOME/c'] || 'x/scafctl'                      | '.local/share/scafctl'           | 'c/scafctl'
        'Windows'  | [LOCALAPPDATA: 'HOME/AppData/Local']                 || 'AppData/Local/scafctl'          | 'AppData/Local/scafctl'          | 'AppData/Local/cache/scafctl'
        'Windows'  | [:]                                                  || 'AppData/Local/scafctl'          | 'AppData/Local/scafctl'          | 'AppData/Local/cache/scafctl'
    }

    def "a config and catalog only in the earlier macOS place are used there, with a note saying how to move them"() {
        given:
        def earlier = home.resolve('Library/Application Support/scafctl')
        Files.createDirectories(earlier.resolve('catalog'))
        Files.writeString(earlier.resolve('config.yaml'), 'catalogs: []\n')

        when:
        def p = Paths.fromEnvironment([:], 'Mac OS X', home.toString())

        then:
        p.configFile() == earlier.resolve('config.yaml')
        p.catalogDir() == earlier.resolve('catalog')
        p.cacheDir() == home.resolve('.cache/scafctl')
        p.moves().size() == 2
        p.moves()[0].contains("mv '${earlier.resolve('config.yaml')}' '${home.resolve('.config/scafctl/config.yaml')}'")

        when: 'the notes are said'
        def first = p.movesToSay()
        def second = Paths.fromEnvironment([:], 'Mac OS X', home.toString()).movesToSay()

        then: 'once on this machine'
        first == p.moves()
        second.isEmpty()
    }

    def "once the files are in the new place, the earlier place is ignored"() {
        given:
        def earlier = home.resolve('Library/Application Support/scafctl')
        Files.createDirectories(earlier)
        Files.writeString(earlier.resolve('config.yaml'), 'catalogs: []\n')
        Files.createDirectories(home.resolve('.config/scafctl'))
        Files.writeString(home.resolve('.config/scafctl/config.yaml'), 'catalogs: []\n')

        expect:
        Paths.fromEnvironment([:], 'Mac OS X', home.toString()).configDir() == home.resolve('.config/scafctl')
        Paths.fromEnvironment([:], 'Mac OS X', home.toString()).moves().isEmpty()
    }

    def "the Windows config in %APPDATA% from earlier releases is found, and the CLI says so once"() {
        given: 'a CLI process that believes it runs on Windows, with only the earlier config'
        def roaming = home.resolve('AppData/Roaming/scafctl')
        Files.createDirectories(roaming)
        Files.writeString(roaming.resolve('config.yaml'), 'catalogs: []\n')
        def cli = new ScafctlProcess(home)
        cli.env.clear()
        cli.env.putAll([APPDATA: home.resolve('AppData/Roaming').toString(), LOCALAPPDATA: home.resolve('AppData/Local').toString()])
        cli.jvmOptions.addAll(['-Dos.name=Windows 11', "-Duser.home=${home}".toString()])

        when:
        def first = cli.run(['config', 'view'])
        def second = cli.run(['config', 'view'])

        then:
        first.exitCode == 0
        first.stderr.contains("using ${roaming.resolve('config.yaml')}")
        first.stderr.contains(home.resolve('AppData/Local/scafctl/config.yaml').toString())
        second.exitCode == 0
        !second.stderr.contains('using ')
    }
}
