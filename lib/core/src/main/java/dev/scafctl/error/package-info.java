/** Error types that carry facts and a next step; mapping them to exit codes is the CLI's job. */
package dev.scafctl.error;
