package faqbot.core;

/**
 * A chat command for a platform's command menu.
 *
 * @param name without the slash, lower case ("ask", "queue")
 * @param description one line for the menu
 * @param usage the argument syntax shown in help ("&lt;question&gt;"), may be empty
 * @param minimumRole who may use it (the core checks this on every call regardless of menus)
 */
public record CommandSpec(String name, String description, String usage, Role minimumRole) {}
