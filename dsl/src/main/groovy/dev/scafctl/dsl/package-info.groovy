/** The Groovy DSL: typed specs that build the library's requests, and the runner for workflow scripts. */
package dev.scafctl.dsl
