package dev.scafctl.plugin.host

import spock.lang.Specification

class PluginHostLogLineSpec extends Specification {

    def "the plugin's stderr line #raw is logged as #readable"() {
        expect: 'go-hclog JSON becomes level, message and fields; anything else stays as written'
        LogLine.readable(raw) == readable

        where:
        raw                                                                                  || readable
        '{"@level":"info","@message":"running","@module":"go-hello","@timestamp":"t","name":"x"}' || 'info: running name=x'
        '{"@level":"error","@message":"failed","code":3}'                                    || 'error: failed code=3'
        '{"@message":"no level"}'                                                            || 'no level'
        '{"level":"info","msg":"not hclog"}'                                                 || '{"level":"info","msg":"not hclog"}'
        '{broken json'                                                                       || '{broken json'
        'plain text  '                                                                       || 'plain text'
        '2024/01/01 12:00:00 [DEBUG] plugin: starting'                                       || '2024/01/01 12:00:00 [DEBUG] plugin: starting'
    }
}
