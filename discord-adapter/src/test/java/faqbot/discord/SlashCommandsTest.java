package faqbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.Argument;
import faqbot.core.Command;
import faqbot.core.CommandCatalogue;
import faqbot.core.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.junit.jupiter.api.Test;

class SlashCommandsTest {
  private static final CommandCatalogue CATALOGUE = CommandCatalogue.STANDARD;

  private static Map<String, SlashCommandData> byName(CommandCatalogue catalogue) {
    return SlashCommands.definitions(catalogue).stream()
        .collect(Collectors.toMap(SlashCommandData::getName, c -> c));
  }

  private static SubcommandData sub(SlashCommandData group, String name) {
    return group.getSubcommands().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void everyCatalogueCommandIsASlashCommandOrASubcommandOfItsGroup() {
    Map<String, SlashCommandData> slash = byName(CATALOGUE);
    for (Command c : CATALOGUE.all()) {
      if (c.group() == null) {
        assertTrue(slash.containsKey(c.name()), c.name());
      } else {
        sub(slash.get(c.group()), c.name());
      }
      assertEquals(c, SlashCommands.command(CATALOGUE, c.group() == null ? c.name() : c.group(),
          c.group() == null ? null : c.name()).orElseThrow());
    }
    assertFalse(slash.containsKey("start"), "aliases are not commands of their own");
    assertTrue(SlashCommands.command(CATALOGUE, "obsolete", null).isEmpty());
    assertTrue(SlashCommands.command(CATALOGUE, "faq", "frobnicate").isEmpty());
    assertTrue(SlashCommands.command(CATALOGUE, "edit", null).isEmpty(), "edit lives under /faq");
  }

  @Test
  void argumentsBecomeTypedOptionsWithTheCataloguesLimitsAndChoices() {
    Map<String, SlashCommandData> slash = byName(CATALOGUE);
    Map<String, OptionData> edit = sub(slash.get("faq"), "edit").getOptions().stream()
        .collect(Collectors.toMap(OptionData::getName, o -> o));
    assertEquals(OptionType.INTEGER, edit.get("id").getType());
    assertEquals(OptionType.STRING, edit.get("field").getType());
    assertEquals(CATALOGUE.find("edit").orElseThrow().argument("field").choices(),
        edit.get("field").getChoices().stream().map(c -> c.getAsString()).toList());
    OptionData days = slash.get("stats").getOptions().get(0);
    assertEquals(OptionType.INTEGER, days.getType());
    assertEquals(3650, days.getMaxValue().intValue());
    assertEquals(OptionType.USER, sub(slash.get("role"), "grant").getOptions().get(0).getType());
    // Discord wants required options first: /faq answer's optional title goes last
    List<String> answer = sub(slash.get("faq"), "answer").getOptions().stream()
        .map(OptionData::getName).toList();
    assertEquals(List.of("queue_id", "text", "title"), answer);
  }

  @Test
  void staffAndPersonalOutputIsPrivate() {
    for (String name : new String[] {"forget", "cancel", "logs", "edit", "grant", "dashboard"}) {
      assertTrue(SlashCommands.isPrivate(CATALOGUE.find(name).orElseThrow()), name);
    }
    assertFalse(SlashCommands.isPrivate(CATALOGUE.find("ask").orElseThrow()));
    assertFalse(SlashCommands.isPrivate(CATALOGUE.find("help").orElseThrow()));
  }

  @Test
  void aCommandAddedToTheCatalogueAppearsWithItsPermissions() {
    List<Command> more = new ArrayList<>(CATALOGUE.all());
    more.add(new Command("hours", "Opening hours", Role.PATIENT,
        Argument.integer("days", "How many days ahead", 1, 14).optional()));
    more.add(new Command("purge", "Delete old logs", Role.ADMIN).inGroup("role"));
    Map<String, SlashCommandData> slash = byName(new CommandCatalogue(more));
    assertEquals(OptionType.INTEGER, slash.get("hours").getOptions().get(0).getType());
    assertTrue(slash.get("hours").getDefaultPermissions().getPermissionsRaw() == null, "everyone");
    sub(slash.get("role"), "purge");
    assertEquals(byName(CATALOGUE).size() + 1, slash.size());
  }

  @Test
  void theFormUsesTheCoresFieldNames() {
    String json = SlashCommands.addForm().toData().toString();
    for (String field : SlashCommands.FORM_FIELDS) {
      assertTrue(json.contains("\"custom_id\":\"" + field + "\""), json);
    }
    assertTrue(SlashCommands.opensForm(CATALOGUE.find("add").orElseThrow(), List.of()));
    assertFalse(SlashCommands.opensForm(CATALOGUE.find("edit").orElseThrow(), List.of()));
  }
}
