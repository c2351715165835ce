/** Where scafctl keeps its files ({@link dev.scafctl.config.Paths}) and the config file's model and store. */
package dev.scafctl.config;
