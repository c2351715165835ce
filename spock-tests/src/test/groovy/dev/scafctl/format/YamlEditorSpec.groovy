package dev.scafctl.format

import spock.lang.Specification
import spock.lang.Unroll

/** Each change rewrites the text of its own node only: comments, quoting and other keys stay as written. */
class YamlEditorSpec extends Specification {
    static final Map CORP = [name: 'corp', type: 'oci', url: 'oci://ghcr.io/myorg']

    @Unroll
    def "#what"() {
        expect:
        change(new YamlEditor(before)).text() == after

        where:
        what                                             | before                                                  | change                                                                || after
        'a key set in an empty file'                     | ''                                                      | { it.set(['settings', 'quiet'], true) }                              || 'settings:\n  quiet: true\n'
        'a value replaced, its comment kept'             | 'settings:\n  defaultCatalog: a   # mine\n'             | { it.set(['settings', 'defaultCatalog'], 'b') }                      || 'settings:\n  defaultCatalog: b   # mine\n'
        'a key added after its siblings'                 | 'settings:\n    quiet: true\nlogging: {}\n'             | { it.set(['settings', 'noColor'], false) }                           || 'settings:\n    quiet: true\n    noColor: false\nlogging: {}\n'
        'a key matched without regard to case'           | 'Settings:\n  DefaultCatalog: a\n'                      | { it.set(['settings', 'defaultCatalog'], 'b') }                      || 'Settings:\n  DefaultCatalog: b\n'
        'a key under an empty one (comments only)'       | 'settings:\n  # quiet: true\nx: 1\n'                    | { it.set(['settings', 'quiet'], true) }                              || 'settings:\n  quiet: true\n  # quiet: true\nx: 1\n'
        'a key under an explicit null'                   | 'settings: ~ # none yet\n'                              | { it.set(['settings', 'quiet'], true) }                              || 'settings: # none yet\n  quiet: true\n'
        'a key in a flow mapping'                        | 'settings: {quiet: true}\n'                             | { it.set(['settings', 'noColor'], true) }                            || 'settings: {quiet: true, noColor: true}\n'
        'a mapping made for a new path'                  | 'version: 1\n'                                          | { it.set(['logging', 'level'], 'debug') }                            || 'version: 1\nlogging:\n  level: debug\n'
        'CRLF kept'                                      | 'settings:\r\n  quiet: true\r\n'                        | { it.set(['settings', 'noColor'], true) }                            || 'settings:\r\n  quiet: true\r\n  noColor: true\r\n'
        'a last line without its newline'                | 'settings:\n  quiet: true'                              | { it.set(['settings', 'noColor'], true) }                            || 'settings:\n  quiet: true\n  noColor: true\n'
        'a string quoted when it would read otherwise'   | 'settings: {}\n'                                        | { it.set(['settings', 'defaultCatalog'], 'yes') }                    || 'settings: {defaultCatalog: "yes"}\n'
        'a key removed with its line'                    | 'settings:\n  a: 1  # one\n  b: 2\n'                    | { it.remove(['settings', 'a']); it }                                 || 'settings:\n  b: 2\n'
        'a key removed from a flow mapping'              | 'settings: {a: 1, b: 2}\n'                              | { it.remove(['settings', 'a']); it }                                 || 'settings: {b: 2}\n'
        'an item appended to a block list'               | 'catalogs:\n- name: a\n  type: oci\n# end\n'            | { it.append(['catalogs'], [name: 'b']) }                             || 'catalogs:\n- name: a\n  type: oci\n- name: b\n# end\n'
        'an item appended to a flow list'                | 'catalogs: [{name: a}]\n'                               | { it.append(['catalogs'], CORP) }                                    || 'catalogs: [{name: a}, {name: corp, type: oci, url: oci://ghcr.io/myorg}]\n'
        'a list made where there was none'               | '# top\n'                                               | { it.append(['catalogs'], CORP) }                                    || '# top\ncatalogs:\n  - name: corp\n    type: oci\n    url: oci://ghcr.io/myorg\n'
        'a block item replaced, its neighbours kept'     | 'catalogs:\n  - name: a   # first\n  - {name: b}\n'   | { it.replaceItem(['catalogs'], 0, [name: 'a', type: 'oci']) }        || 'catalogs:\n  - name: a\n    type: oci   # first\n  - {name: b}\n'
        'a block item removed'                           | 'catalogs:\n  - name: a\n    x: 1\n  - name: b\n'       | { it.removeItem(['catalogs'], 0) }                                   || 'catalogs:\n  - name: b\n'
        'a flow item removed'                            | 'catalogs: [{name: a}, {name: b}]\n'                    | { it.removeItem(['catalogs'], 1) }                                   || 'catalogs: [{name: a}]\n'
    }
}
