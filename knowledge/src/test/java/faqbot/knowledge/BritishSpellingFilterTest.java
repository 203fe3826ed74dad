package faqbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BritishSpellingFilterTest {
  @Test
  void britishMedicalSpellingsBecomeAmerican() {
    String[][] pairs = {
        {"haemorrhoids", "hemorrhoids"}, {"anaemia", "anemia"}, {"leukaemia", "leukemia"},
        {"hypercholesterolaemia", "hypercholesterolemia"}, {"paediatric", "pediatric"},
        {"gynaecologist", "gynecologist"}, {"faecal", "fecal"}, {"anaesthetic", "anesthetic"},
        {"oesophagus", "esophagus"}, {"oedema", "edema"}, {"oestrogen", "estrogen"},
        {"coeliac", "celiac"}, {"foetal", "fetal"}, {"diarrhoea", "diarrhea"}, {"dyspnoea", "dyspnea"},
        {"tumour", "tumor"}, {"colour", "color"}, {"fibre", "fiber"}, {"immunisation", "immunization"},
        {"hospitalised", "hospitalized"}, {"paralysed", "paralyzed"}, {"ischaemic", "ischemic"},
    };
    for (String[] p : pairs) {
      assertEquals(p[1], BritishSpellingFilter.american(p[0]), p[0]);
    }
  }

  @Test
  void wordsThatOnlyLookBritishStayAsTheyAre() {
    for (String w : new String[] {"toes", "does", "shoes", "four", "hour", "acre", "bruised", "exercise",
        "advise", "aerobic", "israel", "michael", "poem", "whose", "centred"}) {
      assertEquals(w, BritishSpellingFilter.american(w), w);
    }
  }
}
