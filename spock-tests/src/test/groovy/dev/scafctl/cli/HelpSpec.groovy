package dev.scafctl.cli

import picocli.CommandLine
import spock.lang.Specification

/** Every command of the tree answers --help with its usage, and exits 0. */
class HelpSpec extends Specification {

    static List<List<String>> commandPaths(CommandLine cl, List<String> prefix = []) {
        List<List<String>> out = [prefix]
        cl.subcommands.each { name, sub ->
            if (name == sub.commandName) out.addAll(commandPaths(sub, prefix + name))
        }
        out
    }

    def "'scafctl #path --help' prints its usage and exits 0"() {
        given:
        def cl = Main.newCommandLine()
        def out = new StringWriter()
        cl.out = new PrintWriter(out)

        when:
        int code = cl.execute(*(path + '--help'))

        then:
        code == 0
        out.toString().startsWith("Usage: scafctl${path ? ' ' + path.join(' ') : ''}")
        out.toString().contains('-h, --help')

        where:
        path << commandPaths(Main.newCommandLine())
    }

    def "the command tree holds what the tool offers"() {
        expect:
        commandPaths(Main.newCommandLine()).collect { it.join(' ') }.containsAll([
                'run solution', 'run provider', 'build solution', 'build plugin', 'plugins install', 'plugins list',
                'catalog push', 'catalog pull', 'catalog delete', 'catalog list', 'catalog tag', 'catalog inspect',
                'catalog save', 'catalog load', 'catalog login', 'catalog logout', 'config view', 'config get',
                'config set', 'config unset', 'config init', 'config validate', 'config paths', 'config add-catalog',
                'config remove-catalog', 'config use-catalog', 'catalog remote add', 'catalog remote remove',
                'catalog remote set-default', 'catalog remote list', 'dsl run'])
    }
}
