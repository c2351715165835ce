/** The {@code build} commands: flags in, one {@link dev.scafctl.catalog.CatalogService} call, a line out. */
package dev.scafctl.cli.build;
