package dev.scafctl.support

import groovy.json.JsonSlurper

/** skopeo, to see what a registry or an OCI layout holds from outside scafctl. */
class Skopeo {
    /** The raw manifest or index at {@code ref} ({@code docker://HOST/REPO:TAG} or {@code oci:DIR:TAG}), parsed. */
    static Map raw(String ref) {
        def p = ['skopeo', 'inspect', '--raw', '--tls-verify=false', ref].execute()
        def out = new StringBuilder(), err = new StringBuilder()
        p.waitForProcessOutput(out, err)
        assert p.exitValue() == 0: err.toString()
        new JsonSlurper().parseText(out.toString()) as Map
    }
}
