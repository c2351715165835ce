/** An example provider plugin built on the Java plugin SDK; serving the protocol is the SDK's job. */
package dev.scafctl.examples.echo;
