package dev.scafctl.plugin.host

import dev.scafctl.event.EventListener

import java.nio.file.Path

/**
 * A host process for lifecycle tests: starts the plugins given as arguments, prints "ready",
 * then waits to be interrupted or killed.
 */
class HostMain {
    static void main(String[] args) {
        def binaries = args.collect { PluginLaunch.provider(Path.of(it)) }
        EventListener log = { e -> System.err.println(e.describe()) } as EventListener
        PluginSet plugins = PluginSet.start(binaries, HostOptions.defaults(), log)
        println "sockets ${plugins.clients()*.address().collect { it.substring(it.indexOf(':') + 1) }.join(' ')}"
        println "ready ${plugins.clients()*.pid().join(' ')}"
        System.out.flush()
        Thread.sleep(Long.MAX_VALUE)
    }
}
