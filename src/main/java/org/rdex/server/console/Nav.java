package org.rdex.server.console;

/**
 * A page's entry in the console's top bar.
 *
 * @param page the page's id, which {@link Chrome#page()} names to mark the entry current
 * @param label the link's text
 * @param path where it goes
 * @param order its place, left to right
 */
public record Nav(String page, String label, String path, int order) {
}
