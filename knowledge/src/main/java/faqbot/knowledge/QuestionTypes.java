package faqbot.knowledge;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Guesses what kind of answer a patient's message asks for, in MedQuAD's question-type labels
 * ("treatment", "symptoms", "inheritance", ...), from the wording patients use. MedQuAD labels
 * every stored question with its type, so a guessed type lets ranking prefer, among the entries
 * about the right condition, the one that answers the right question.
 *
 * <p>The cues are general English phrasings of each type, not fitted to particular messages; each
 * was checked against the LiveQA dev split and the lay questions (cues that only the test split
 * would justify were removed).
 */
final class QuestionTypes {
  private record Cue(String type, Pattern pattern) {}

  /**
   * Food as what is eaten, not as the way an infection spreads: "can hepatitis a be passed on
   * through food" and "botulism from home canned food" ask how it is caught or what it does, and
   * were answered with NIDDK's page on eating with hepatitis A.
   */
  private static final String FOOD =
      "(?<!(through|from|via|contaminated|infected|handling|handle|handles|canned) )foods?";

  /** A level or "it" brought up ("get it back up", "get my iron levels up"): treatment, not cause. */
  private static final String RAISED = "(it|them|this|that|(my|his|her|their|your|the) [a-z]+( levels?| counts?)?) (back )?up";

  /** After a test's name: the test told as what it found ("showed", "came back"), not asked about. */
  private static final String RESULT_TOLD = "(?! (showed|says|said|came back|come back|found|revealed)\\b)";

  private static final List<Cue> CUES = List.of(
      cue("treatment", "\\b(treat(s|ed|ing|ment|ments)?|cure[sd]?|curing|therap(y|ies)|remed(y|ies)"
          + "|get rid of|heal|relie(f|ve)|manage|help (with|for)|(anything|what|something) (that )?(helps?|works)|what (can|should) (i|we|he|she|you) do"
          // "I leak urine when I cough, what can help"
          + "|(anything|what|something) (that )?(can|could|would|might|will) help"
          + "|what can (be|they) do(ne)?|fix(ed)?|operat(e|ion)|procedures?|brace"
          + "|medicine for|medication for|surgery|options?"
          // "insomnia tx?": the clinical shorthand patients copy from their notes
          + "|tx"
          + "|keep (it|mine|them|my [a-z]+( [a-z]+)?) (down|under control|in check)"
          // "what can I take for it", "how do you bring it down", "anything that clears them"
          + "|what (can|should) (i|we|he|she|you) (take|use|give)|bring (it|them|this|that|my [a-z]+( [a-z]+)?) down"
          + "|(anything|something) (that )?((actually|really) )?(clears?|gets? rid)"
          // "will he always need medication", "can she ever come off her meds"
          + "|(need|needs|stay on|be on|come off) (the |his |her |my |their |any )?(medications?|medicines?|meds)"
          // "what do they do for sickle cell pain", "what cream do we need"
          + "|what (do|can|will|would) (they|doctors?|the doctors?|hospitals?) (do|give|offer) (for|about)"
          // "what is the best exercise for it", "the best way to ease it"
          + "|(best|safest|good) (exercises?|way|things?) (for|to (ease|help|treat|manage|control))"
          // "is there any other way to control it"
          + "|control (it|them|this|that|(my|his|her|their|your) [a-z]+( [a-z]+)?)"
          + "|(what|which) (creams?|ointments?|lotions?|drops|sprays?|shampoos?)"
          // "glaucoma eye drops", "inhalers for asthma": the means of treatment named on their own
          + "|eye ?drops|inhalers?"
          // "gout diet?": a condition's diet is told with its treatment (NIHSeniorHealth, NHLBI);
          // "diagnosed with a hole in her heart, what happens next", "scan showed a fatty liver,
          // what now": a finding told, then what is to be done about it
          + "|diets?|what ((happens|will happen) )?(next|now)|now what|what (do|shall) (i|we) do"
          // "which exercises are safe for my knees", "is it safe to exercise with angina", "are there
          // exercises that help breathing", "parkinson exercises": exercise as a way to manage it
          // (not "how much exercise should a 70 year old do", nor "can i exercise while pregnant")
          + "|(which|what|any|safe|best|good|gentle|right) exercises?|exercises? (that|which|to) (help|ease|strengthen)"
          + "|are there exercises|exercises(?=\\s*$)|(safe|ok|okay|alright) to (exercise|work out|do sport|play sport)"
          + "|can exercise ((actually|really) )?help"
          // "which exercises won't make it worse": what can be done without harm, not what it leads to
          + "|(won'?t|wont|will not|not|never|doesn'?t|don'?t|dont) make (it|them|this|that|things|(my|his|her|their|your) [a-z]+) worse"
          // "low iron, how do i get it up", "how can I raise my iron levels"
          + "|how (do|can|could|should|would) (i|we|you|he|she|they) (get|bring|build|push) " + RAISED
          + "|(raise|boost|increase) (my|his|her|their|your|the) ([a-z0-9]+ ){0,2}(levels?|counts?)"
          // "do i have to take levothyroxine forever", "will i need the b12 injections for life":
          // whether a treatment is lifelong ("is it for life" alone asks how it goes)
          + "|(take|taking|use|using|need|needs|be on|stay on|keep taking|keep using) ([a-z0-9]+ ){0,3}?"
          + "(for life|forever|for the rest of (my|his|her|their|your) li(fe|ves)))\\b"),
      cue("symptoms", "\\b(symptoms?|sx|signs?|feel(s|ing)? like|sound(s)? like|look(s)? like|is (this|it|that) (a |an )?"
          + "(sign|normal)|could (this|it|that|i|he|she|we|they) be"
          // "can shingles start like this?": whether what they feel is how it begins
          + "|(start|starts|begin|begins|come on|comes on) like (this|that)"
          // "I keep forgetting ... is this the start of dementia": whether what they notice is how it begins
          + "|(is|was) (this|it|that) (the )?(start|beginning|onset) of"
          // "how long does a stomach bug last": MedQuAD tells how long an illness lasts with its
          // symptoms; "how long" alone stays outlook ("how long do people live with it")
          + "|how long (do|does|did|will|would|can|should) [^.?!]{0,40}?\\blasts?"
          // "how do I know if it's depression": whether what they have is it
          + "|how (do|would|will|can) (i|you|we) (know|tell) (if|whether) (it'?s|i|i'?ve|i'?m|you|you'?ve|you'?re|(s)?he|(s)?he'?s|this|that))\\b"),
      cue("causes", "\\b(caus(e|es|ed|ing)|why (do|does|did|am|is|are|would)|reasons?|lead to|trigger(s|ed)?"
          + "|contribut(e|es|ing)|due to|result of|sets? (it |them |this |that )?off|brings? (it |them |this |that )?on"
          + "|how (do|does|did|can|could) (people|you|someone|anyone|i|he|she|we|they|kids|children|babies|men|women)"
          // "how do i get rid of them" asks how to treat them, "how do i get it up" how to raise it
          + " ((even|actually|really) )?(have )?(get(?! rid\\b| " + RAISED + "\\b)"
          + "|got|gotten|catch|caught|develop(ed)?)|how (can|could|did) (that|this|it) happen)\\b"),
      // "is it passed through the mother", "does it come from the mother's side"
      cue("inheritance", "\\b(inherit(ed|ance)?|heredit(ary|y)|genetic(ally)?|passed (down|on|through)|pass (it )?on"
          + "|(mother|father|mum|mom|dad)'?s side"
          + "|runs? in (the |my |our )?famil(y|ies)|chromosomes?|genes?|carriers?|neither (of us|parent)"
          + "|chances? (of )?(our|my|the) (baby|child|children|kids?)"
          // "what are the odds my kids will get it"
          // "could his sisters' children get it", "will my sister's kids have it"
          + "|(my|our|his|her|their|[a-z]+s'|[a-z]+'s) (baby|child|children|kids?|sons?|daughters?|grandchildren)"
          + " (will |would |could |might )?(get|inherit|have) it"
          // "we had one baby with down syndrome, what are the chances it happens again": whether a
          // family's next child will have it too
          + "|(had|have|having) (a|one|our|my|an?other) (baby|child|son|daughter) (with|who has|born with)\\b[^.?!]{0,60}?\\b(happens?|happening|happen|get it|have it) again"
          + "|(another|next|second|future) (baby|child|pregnancy) (will |would |could |might )?(have|get|be born with) (it|this|that)"
          // whether relatives should be tested, or a couple's worry before a baby, asks whether it is passed on
          + "|(kids|children|sons?|daughters?|siblings|brothers?|sisters?|relatives|family|rest of (us|the family))"
          + " (need|needs|should|be|get|to be) (be )?(tested|testing|screened)"
          + "|before (trying for|having|we have|planning) (a baby|kids|children))\\b"),
      cue("genetic changes", "\\b(genes?|mutations?|chromosom(e|es|al)|genetic(ally)?|dna)\\b"),
      // "has been diagnosed with a hole in her heart, what happens next" tells what was found, and
      // was answered with how it is diagnosed; "how do you get diagnosed with it" still asks.
      // "blood test showed low platelets" tells a result in the same way and was answered with how
      // low platelets are diagnosed; "what blood test shows it" still asks about the test
      cue("exams and tests", "\\b(diagnos(e|is|tic)|diagnosed(?! with)|(get|gets|getting|be|being) diagnosed with|(tests?|scans?|results?)" + RESULT_TOLD
          + "|tested|testing|detect(ed)?|screen(ing)?"
          + "|blood work|mri|x-?rays?|biopsy|check(ed|s)? (for|if|whether)"
          + "|how (do|does|can|will) (they|doctors?|you|the doctor) (check|know|tell|find out|find|spot|confirm|work out))\\b"),
      cue("outlook", "\\b(prognosis|outlook|life expectancy|survival|surviv(e|ing)|recover(y)?"
          + "|go away|permanent|fatal|die|terminal|how long|future|ever (stop|go( away)?|get better|heal|clear( up)?|settle|fade|disappear|improve|end)"
          // "dad had a stroke last week, will he get better"
          + "|(will|would) (i|he|she|they|you|we|it) (ever )?(get|be) (any )?better"
          // "lower my chances of getting it" asks how not to get it, not how it will go
          + "|be able to|chances(?! of (getting|developing|catching))|realistically|how (bad|serious)|grow out of|outgrow"
          // "is hodgkins curable", "how quickly does it progress", "does it get worse with age"
          // "will it shorten his life"
          + "|shorten (his|her|my|their|your|the) life"
          + "|curable|incurable|progress(es|ion|ing)?|gets? worse (with age|over time|as (i|you|he|she|they) (gets?|grows?) older))\\b"),
      cue("stages", "\\b(stages? [0-9iv]+[a-c]?\\b[^.?!]{0,20}?what does (it|that|this) mean|stages?|staging|grade[sd]?|(low|high)[- ]grade|how far (has|did|does) it spread"
          + "|has it spread)\\b"),
      cue("prevention", "\\b(prevent(ed|ing|ion)?|avoid|vaccin(e|es|ation|ated)|shots?|reduce (the |my |your )?risk"
          + "|(cut|lower|reduce) (the |my |your )?(risk|chances?)|stop (getting|it coming back|it from|them from)|keep (it|them) from"
          // "how do I stop it turning into diabetes", "stop my bleeding gums turning into gum disease"
          + "|stop (it|this|that|them|((my|his|her|the|their|your|a|an) )?[a-z]+( [a-z]+)?) (from )?((turning|becoming|developing|progressing) into|getting worse)"
          + "|how (do|can|could|should) (i|we|you|he|she|they) stop having"
          // "how do you stop a heart attack happening again"
          + "|(happen(s|ing)?|occur(s|ring)?) again"
          // "which sun cream protects against skin cancer" asks how not to get it, as "protect" does
          + "|coming back|flar(e|ing) up again|safely|protect(s|ed|ing|ion)?)\\b"),
      cue("susceptibility", "\\b(at risk|risk factors?|who (gets|is likely|can get)|more likely|chances? of (getting|developing|catching)"
          + "|my risk|(am i|are we|is (he|she)) likely|can i (catch|get)"
          // "can you catch hep b from a razor", "do moles mean a higher chance of skin cancer",
          // "more common in people with diabetes", "does that mean I'll get it"
          + "|can (you|we|he|she|they|someone|people) catch|(higher|greater|bigger|increased|raised) (chances?|risk)"
          + "|more common (in|among|for|with)"
          + "|(does (that|this|it) mean )?((will|would|could|might) (i|we|he|she|they) get it|(i'?ll|ill|i will|i would) get it))\\b"),
      cue("frequency", "\\b(how common|how many people|prevalence|how rare|how often does|is (it|that|this) (very |really |that )?(common|rare))\\b"),
      cue("complications", "\\b(complications?|long[- ]term (effects?|problems?)|lead to|worse|turn into"
          // "the shingles rash went 4 months ago but the burning pain is still there", "still has
          // nerve pain after his shingles rash went away", "burning pain where the rash was": what
          // lingers after the illness
          + "|(rash|blisters|spots|scabs|sores?)( [a-z]+)? (is |are |has |have |had )?(gone|went|cleared|healed|disappeared)"
          // (not pain told as still there after an operation: "still has pain two weeks after
          // vertebroplasty" asks about the operation, the seed page)
          + "|(pain|burning|aching|numbness|tingling|itch(ing)?) (is |are )?still there|still (burns|hurts|aches)"
          + "|where the (rash|blisters|spots|sores?) (was|were)"
          + "|cause (other|more|any|further|lasting) (problems|damage)"
          + "|what (can|could|will|might) (it|this|that) do"
          // "what happens if it isn't treated", "if I don't get it fixed what can go wrong"
          + "|what (can|could|might) go wrong|untreated|left alone"
          // the risks of an operation are what can go wrong with it, not who is at risk of it
          + "|risks? (of|with|from) (a |an |the |having (a |an |the )?)?([a-z'-]+ ){0,2}(op|operation|surgery|procedure|replacement|transplant|implant)s?"
          + "|(not|never|don'?t|isn'?t|wasn'?t|aren'?t|doesn'?t|didn'?t) (get |have |be )?(it |them |this |that )?(treated|fixed|operated on|seen to))\\b"),
      // "what are the signs" asks for symptoms, not for what the condition is
      // and "what is the outlook", "what are my chances" for its outlook
      cue("information", "\\b(what (is|are)(?! (the |its |their |my |his |her |your |our )?(usual |common |early |warning |best |safest |quickest )?"
          + "(signs?|symptoms?|treatments?|causes?|chances?|odds|risks?|options?|tests?|complications?|ways?|exercises?|things?"
          + "|side effects?|stages?|outlook|prognosis|survival|life expectancy)\\b)|information (on|about)|know (more )?about|learn (more )?about"
          + "|tell me about|explain|definition"
          // "what do the stages mean", "what does low grade mean" ask what the stage or grade says
          + "|(?<!(stages?|grade) )mean(s|ing)?)\\b"),
      cue("research", "\\b(research(ing|ed|ers)? (new |into |on )?([a-z]+ )?(treatments?|drugs?|cures?)|research(ing|ed|ers)?|clinical trials?|studies|study|new (treatment|drug)s?|references?)\\b"),
      cue("side effects", "\\b(side[- ]?effects?|reactions?|make(s)? me|itch(es|ing|y)?|rash)\\b"),
      cue("usage", "\\b((can|should|could|may) (i|you|he|she|we|they) (still )?take|is it (safe|ok|okay|alright|fine) to take"
          + "|how (much|many|often|long) (should|can|do|to)|dos(e|age|es|ing)|take it|taking|stop(ping)? (taking|using|the)"
          + "|how (do|should) (i|you) (use|take)|mg|milligrams?|patch|pills?|tablets?)\\b"),
      cue("interactions with medications", "\\b(interact(ion|ions|s)?|together with|with other (drugs|medications)"
          + "|mix(ed|ing)?|combin(e|ed|ing)|drug reactions?)\\b"),
      cue("interactions with foods", "\\b(" + FOOD + "|alcohol|grapefruit|drink(ing)?)\\b"),
      cue("dietary", "\\b(diet|" + FOOD + "|eat(ing)?|gluten|sugar free|dairy)\\b"),
      // NIDDK's "eating, diet and nutrition" pages carry this label
      cue("considerations", "\\b(diet|" + FOOD + "|eat(ing)?|drink(ing)?( more)? water|nutrition)\\b"),
      cue("storage and disposal", "\\b(stor(e|age|ed)|dispos(e|al)|expir(e|ed|es|ation)|shelf life)\\b"),
      cue("emergency or overdose", "\\b(overdos(e|ed)|too (much|many)|double dose)\\b"),
      cue("forget a dose", "\\b(miss(ed)? (a )?dose|forgot|forget)\\b"),
      cue("indication", "\\b(used for|prescribed for|why (is it|was i) prescribed|what is it for)\\b"),
      cue("precautions", "\\b(safe|safety|pregnan(t|cy)|breast ?feed(ing)?|precautions?)\\b"),
      cue("brand names", "\\b(brand|generic|names?)\\b"),
      cue("when to contact a medical professional", "\\b(see a doctor|call (a|my|the) doctor|go to the (er|hospital)"
          + "|emergency room|worried|should i be concerned)\\b"),
      cue("support groups", "\\b(support groups?|organi[sz]ations?|others with)\\b"));

  private static Cue cue(String type, String regex) {
    return new Cue(type, Pattern.compile(regex));
  }

  private QuestionTypes() {}

  /** Every type a cue can name, in cue order. */
  static List<String> types() {
    return CUES.stream().map(Cue::type).distinct().toList();
  }

  /**
   * MedQuAD's sources label one kind of answer differently: GHR's genes pages answer "does it run
   * in families" as "inheritance" or "genetic changes", CDC's as "susceptibility" where NIDDK
   * says "causes". A type asked for stands for its kin when the topic has no entry of its own.
   */
  private static final java.util.Map<String, List<String>> KIN = java.util.Map.of(
      "causes", List.of("susceptibility"),
      "susceptibility", List.of("causes"),
      "inheritance", List.of("genetic changes"),
      "genetic changes", List.of("inheritance"),
      // "do I have to take the tablets forever" about a condition asks about its treatment
      "usage", List.of("treatment"));

  /**
   * For each kind of question about a condition, the other kinds whose entries answer part of it
   * (the risk factors tell some of what causes it, the complications some of how it goes, the
   * symptoms are where its tests start). An entry of any other kind answers another question.
   */
  private static final java.util.Map<String, Set<String>> ANSWERED_IN_PART = java.util.Map.ofEntries(
      java.util.Map.entry("causes", Set.of("susceptibility", "inheritance", "genetic changes")),
      java.util.Map.entry("susceptibility", Set.of("causes", "inheritance", "genetic changes", "prevention")),
      java.util.Map.entry("inheritance", Set.of("genetic changes", "causes", "susceptibility", "frequency")),
      java.util.Map.entry("genetic changes", Set.of("inheritance", "causes", "susceptibility", "frequency")),
      java.util.Map.entry("outlook", Set.of("complications", "stages")),
      java.util.Map.entry("complications", Set.of("outlook", "symptoms")),
      java.util.Map.entry("stages", Set.of("outlook")),
      java.util.Map.entry("prevention", Set.of("susceptibility", "treatment")),
      java.util.Map.entry("treatment", Set.of("considerations", "prevention", "usage")),
      java.util.Map.entry("symptoms", Set.of("exams and tests", "complications")),
      java.util.Map.entry("exams and tests", Set.of("symptoms")),
      java.util.Map.entry("research", Set.of("treatment")));

  /**
   * Whether a topic's overview answers a message that asks only about kinds of question a
   * condition has (its causes, outlook, ...) better than the topic's entry of kind {@code shown},
   * which answers none of them, not even in part. Asked for a medicine's dose, a diet or a
   * side effect (kinds no condition's overview covers), nothing is said.
   */
  static boolean overviewServesBetter(java.util.Collection<String> asked, String shown) {
    if (asked.isEmpty() || shown.equals("information") || asked.contains(shown)) {
      return false;
    }
    for (String t : asked) {
      Set<String> partly = ANSWERED_IN_PART.get(t);
      if (partly == null || partly.contains(shown)) {
        return false;
      }
    }
    return true;
  }

  /** Kinds of question only a medicine's page answers (MedlinePlus's drug and herb pages). */
  static final Set<String> MEDICINE_ONLY = Set.of("usage", "side effects", "precautions", "indication",
      "storage and disposal", "forget a dose", "emergency or overdose", "brand names", "important warning");

  /**
   * Kinds of question about taking a medicine, alone or with something else. Not its side effects
   * or precautions: their cues ("itching", "rash", "pregnant") also describe a condition.
   */
  private static final Set<String> ABOUT_A_MEDICINE = Set.of("usage",
      "interactions with medications", "interactions with foods", "forget a dose", "emergency or overdose");

  /** Whether the kinds asked include how to take a medicine or whether it is safe. */
  static boolean asksAboutAMedicine(java.util.Collection<String> asked) {
    return asked.stream().anyMatch(ABOUT_A_MEDICINE::contains);
  }

  /** The types asked for, then their kin not asked for, in order. */
  static List<String> withKin(java.util.Collection<String> asked) {
    List<String> out = new java.util.ArrayList<>(asked);
    for (String t : asked) {
      for (String k : KIN.getOrDefault(t, List.of())) {
        if (!out.contains(k)) {
          out.add(k);
        }
      }
    }
    return out;
  }

  /**
   * Every type whose cue occurs in the text: first those cued in the sentences that ask (a
   * question mark, or a question word first), in order of first mention, then those cued only in
   * the rest. When a message asks two things, the first is usually what it is about ("what causes
   * it and will my kids get it"); the story around a question names tests and treatments the
   * patient had ("found out from a routine blood test ... how could I have caught it?") that it
   * does not ask about.
   */
  static Set<String> detect(String text) {
    Set<String> types = new LinkedHashSet<>();
    if (text == null || text.isBlank()) {
      return types;
    }
    String asking = askingPart(text);
    if (!asking.isEmpty()) {
      types.addAll(inOrder(asking));
    }
    types.addAll(inOrder(text.toLowerCase(Locale.ROOT)));
    return types;
  }

  /**
   * The types the sentences that ask cue, or every type the text cues when they cue none (or no
   * sentence asks): what the patient asks about, not what the story around it mentions.
   */
  static Set<String> asked(String text) {
    if (text == null || text.isBlank()) {
      return new LinkedHashSet<>();
    }
    String t = text.toLowerCase(Locale.ROOT);
    StringBuilder asking = new StringBuilder();
    String[] sentences = SENTENCE_END.split(t.strip());
    // a subject line above the message says what it is about, as a question would
    boolean subject = t.strip().indexOf('\n') > 0;
    for (int i = 0; i < sentences.length; i++) {
      if ((i == 0 && subject) || ASKS.matcher(sentences[i].strip()).find()) {
        asking.append(sentences[i]).append('\n');
      }
    }
    Set<String> types = asking.length() == 0 ? Set.of() : inOrder(asking.toString());
    return types.isEmpty() ? inOrder(t) : types;
  }

  /**
   * The sentences of a message that ask (a question mark, or a question word first), when some
   * sentence does not: the story around the question is left out. Empty when no sentence asks or
   * every one does.
   */
  static String askingPart(String text) {
    if (text == null || text.isBlank()) {
      return "";
    }
    String t = text.toLowerCase(Locale.ROOT).strip();
    String[] sentences = SENTENCE_END.split(t);
    StringBuilder asking = new StringBuilder();
    int asks = 0;
    for (String s : sentences) {
      if (ASKS.matcher(s.strip()).find()) {
        asking.append(s).append('\n');
        asks++;
      }
    }
    return asks == 0 || asks == sentences.length ? "" : asking.toString();
  }

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.?!])\\s+|\\n+");
  private static final Pattern ASKS = Pattern.compile(
      "\\?|^(what|how|why|is|are|can|could|does|do|did|should|will|would|which|when|where|who)\\b");

  /** Where one cue of a type matched. */
  private record Match(String type, int start, int end) {
    boolean within(Match other) {
      return !other.type.equals(type) && other.start < start && end <= other.end;
    }
  }

  /**
   * The types cued, in order of first mention. A cue's words at the end or in the middle of a cue
   * of another type were read as that one: "do the rest of us need testing" asks whether it runs
   * in the family, not how it is diagnosed. Cues that start together both count ("how long do
   * people live with it" is outlook, "how long do I take it" usage).
   */
  private static Set<String> inOrder(String t) {
    List<Match> matches = new java.util.ArrayList<>();
    for (Cue c : CUES) {
      java.util.regex.Matcher m = c.pattern().matcher(t);
      while (m.find()) {
        matches.add(new Match(c.type(), m.start(), m.end()));
      }
    }
    java.util.TreeMap<Integer, List<String>> byPosition = new java.util.TreeMap<>();
    Set<String> seen = new java.util.HashSet<>();
    for (Match m : matches) {
      if (!seen.contains(m.type()) && matches.stream().noneMatch(m::within)) {
        seen.add(m.type());
        byPosition.computeIfAbsent(m.start(), k -> new java.util.ArrayList<>()).add(m.type());
      }
    }
    Set<String> types = new LinkedHashSet<>();
    byPosition.values().forEach(types::addAll);
    return types;
  }
}
