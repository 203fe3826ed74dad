package faqbot.discord;

import faqbot.core.Argument;
import faqbot.core.Command;
import faqbot.core.CommandCall;
import faqbot.core.CommandCatalogue;
import faqbot.core.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.modals.Modal;

/**
 * The slash commands, built from the core's {@link CommandCatalogue}: a command of its own is a
 * slash command, a group of commands one slash command with a subcommand each; arguments become
 * typed options with the catalogue's limits and choices. Options come back as a
 * {@link CommandCall} with typed values, which the core checks. Default member permissions only
 * pre-filter the menus for server owners: the core checks our own roles on every call.
 */
final class SlashCommands {
  static final String ADD_MODAL_ID = "fq-add";
  static final List<String> FORM_FIELDS = List.of("question", "answer", "doctor", "specialty");
  /** Discord's longest description of a command or an option. */
  private static final int MAX_DESCRIPTION = 100;
  /** What Discord shows for a group's slash command; a group not named here gets a plain one. */
  private static final Map<String, String> GROUP_DESCRIPTIONS = Map.of(
      "faq", "Moderators: manage the knowledge base",
      "role", "Admins: grant or revoke bot roles");

  private SlashCommands() {}

  static List<SlashCommandData> definitions(CommandCatalogue catalogue) {
    Map<String, SlashCommandData> byName = new LinkedHashMap<>();
    for (Command c : catalogue.all()) {
      if (c.group() == null) {
        SlashCommandData slash = Commands.slash(c.name(), describe(c.role(), c.description()))
            .addOptions(options(c));
        byName.put(c.name(), everywhere(slash, c.role()));
      } else {
        SlashCommandData group = byName.computeIfAbsent(c.group(), g -> everywhere(
            Commands.slash(g, GROUP_DESCRIPTIONS.getOrDefault(g, describe(c.role(), g + " commands"))),
            c.role()));
        group.addSubcommands(
            new SubcommandData(c.name(), clip(c.description())).addOptions(options(c)));
      }
    }
    return List.copyOf(byName.values());
  }

  /** Staff commands say who they are for, as a patient sees them in the list too. */
  private static String describe(Role role, String description) {
    return clip(switch (role) {
      case PATIENT -> description;
      case MODERATOR -> "Moderators: " + description;
      case ADMIN -> "Admins: " + description;
    });
  }

  private static String clip(String s) {
    return s.length() <= MAX_DESCRIPTION ? s : s.substring(0, MAX_DESCRIPTION - 1) + "\u2026";
  }

  /** Discord wants the required options first; values are matched by name, so order is free. */
  private static List<OptionData> options(Command command) {
    List<OptionData> options = new ArrayList<>();
    for (Argument a : command.arguments()) {
      options.add(option(a));
    }
    options.sort(Comparator.comparing(o -> !o.isRequired()));
    return options;
  }

  private static OptionData option(Argument a) {
    OptionType type = switch (a.kind()) {
      case TEXT, CHOICE -> OptionType.STRING;
      case INTEGER, ENTRY_ID, QUEUE_ID -> OptionType.INTEGER;
      case USER -> OptionType.USER;
    };
    OptionData o = new OptionData(type, a.name(), clip(a.description()), a.required());
    switch (a.kind()) {
      // without a limit of its own, Discord's maximum: a lower one makes the client refuse a long
      // question before the core can read it, and the core answers an emergency at any length
      case TEXT -> o.setMaxLength(a.max() > 0 && a.max() < OptionData.MAX_STRING_OPTION_LENGTH
          ? (int) a.max() : OptionData.MAX_STRING_OPTION_LENGTH);
      case INTEGER -> o.setRequiredRange(a.min(), a.max());
      case ENTRY_ID, QUEUE_ID -> o.setMinValue(1);
      case CHOICE -> a.choices().forEach(c -> o.addChoice(c, c));
      default -> { }
    }
    return o;
  }

  private static SlashCommandData everywhere(SlashCommandData command, Role role) {
    if (role == Role.MODERATOR) {
      command.setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MESSAGE_MANAGE));
    } else if (role == Role.ADMIN) {
      command.setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER));
    }
    return command.setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM);
  }

  /** The catalogue's command behind a slash command, or empty for one it no longer has. */
  static Optional<Command> command(CommandCatalogue catalogue, String name, String subcommand) {
    String wanted = subcommand == null ? name : subcommand;
    return catalogue.find(wanted).filter(c -> c.name().equals(wanted)
        && (subcommand == null ? c.group() == null : name.equals(c.group())));
  }

  /**
   * The call with the options' typed values: text and choices as strings, numbers as Longs, a
   * picked user as their Discord id (a Long).
   */
  static CommandCall call(Command command, List<OptionMapping> options) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (OptionMapping o : options) {
      values.put(o.getName(), switch (o.getType()) {
        case INTEGER, USER -> o.getAsLong();
        default -> o.getAsString();
      });
    }
    return new CommandCall(command.name(), values);
  }

  /**
   * Whether only the caller sees the exchange: the catalogue's private commands (staff output,
   * a user's own data) answer ephemerally, so they are usable in a server channel too.
   */
  static boolean isPrivate(Command command) {
    return command.scope() == Command.Scope.PRIVATE;
  }

  /** /faq add without a question and answer: the guided way, which on Discord is a form. */
  static boolean opensForm(Command command, List<OptionMapping> options) {
    return command.name().equals("add") && options.isEmpty();
  }

  /** The form behind {@code /faq add}; its field ids are the core's form keys. */
  static Modal addForm() {
    return Modal.create(ADD_MODAL_ID, "Add a question and answer")
        .addComponents(
            Label.of("Question", TextInput.create("question", TextInputStyle.PARAGRAPH)
                .setRequiredRange(5, 4000).build()),
            Label.of("Doctor's answer", TextInput.create("answer", TextInputStyle.PARAGRAPH)
                .setRequiredRange(5, 4000).build()),
            Label.of("Doctor", TextInput.create("doctor", TextInputStyle.SHORT)
                .setRequired(false).setMaxLength(100).build()),
            Label.of("Specialty", TextInput.create("specialty", TextInputStyle.SHORT)
                .setRequired(false).setMaxLength(100).build()))
        .build();
  }
}
