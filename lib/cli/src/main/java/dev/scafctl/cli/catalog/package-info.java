/** The {@code catalog} commands: flags in, one {@link dev.scafctl.catalog.CatalogService} call, results printed. */
package dev.scafctl.cli.catalog;
