package faqbot.core;

import faqbot.core.triage.TriageResult;
import faqbot.core.triage.TriageResult.Level;

/**
 * What the bot says first when triage finds an emergency or something to be seen today: the
 * action (call the number, contact a clinician today), then what to do meanwhile for that kind of
 * situation. Each line appears once; the configured emergency number and crisis line are named.
 */
final class CareReplies {

  private CareReplies() {}

  /** Emergency guidance: the whole reply for an emergency or self-harm message. */
  static Reply emergency(TriageResult t, CoreConfig config, String language) {
    String number = config.emergencyNumber();
    Reply.Builder b = Reply.builder();
    String local = Languages.emergencyLine(language, number);
    if (t.level() == Level.SELF_HARM) {
      if (local != null) {
        b.add(Part.alert(local));
      }
      b.add(Part.alert(config.crisisLine()))
          .add(Part.paragraph("If you have already hurt yourself or taken anything, call " + number
              + " now."))
          .add(Part.paragraph("You deserve support right now, and talking to someone can help. "
              + "If you can, stay with someone you trust, and put away anything you could use to "
              + "hurt yourself."));
      return b.add(Part.disclaimer(config.disclaimer())).build();
    }
    if (local != null) {
      b.add(Part.alert(local));
    }
    b.add(Part.alert("This may be an emergency: call " + number
        + " (or your local emergency number) now."));
    String guidance = emergencyGuidance(t.category());
    if (guidance != null) {
      b.add(Part.paragraph(guidance));
    }
    b.add(Part.paragraph("Do not wait for an answer here: this bot cannot help in an emergency."));
    return b.add(Part.disclaimer(config.disclaimer())).build();
  }

  /** The note that comes before the normal answer of an urgent message. */
  static Part urgentNote(TriageResult t, CoreConfig config) {
    return Part.alert(urgentGuidance(t.category()) + " If it gets worse suddenly (new weakness, "
        + "loss of bladder or bowel control, trouble breathing, chest pain), call "
        + config.emergencyNumber() + ".");
  }

  private static String urgentGuidance(String category) {
    if (category == null) {
      return "Please contact a doctor or clinic today about this.";
    }
    return switch (category) {
      case "SPINE_PROCEDURE" -> "New or lasting numbness, tingling or weakness after a spine "
          + "procedure should be examined today: contact your surgeon or clinic, or an urgent care "
          + "service.";
      case "NERVES" -> "New numbness, tingling or weakness in a leg or foot, especially after a "
          + "spine procedure, should be examined today: contact your surgeon or a doctor.";
      case "WOUND" -> "A wound that is red, hot, swollen or spreading may be infected: have it "
          + "seen today by a doctor or urgent care.";
      case "FEVER" -> "A high or lasting fever should be checked by a doctor today.";
      case "MENINGITIS" -> "Fever with a stiff neck should be checked by a doctor today.";
      case "INJURY" -> "A bone that may be broken should be examined and X-rayed today.";
      case "EYE" -> "A painful red eye with blurred vision should be examined today.";
      case "DEHYDRATION" -> "A child who drinks or pees much less than usual should be seen by a "
          + "doctor today.";
      case "SURGERY" -> "Pain or swelling that gets worse in the days after surgery should be "
          + "checked today: contact your surgeon or clinic.";
      case "EAR" -> "Sudden hearing loss in one ear should be checked today: treatment works "
          + "best when it starts early.";
      case "ASTHMA" -> "Asthma that needs your reliever inhaler every few hours should be seen "
          + "by a doctor today. If the reliever does not help or you cannot finish a sentence, "
          + "it is an emergency.";
      case "ALLERGY" -> "A widespread allergic rash should be checked today. If your lips, "
          + "tongue or throat swell or breathing gets hard, it is an emergency.";
      case "JAUNDICE" -> "Yellow skin or eyes should be checked by a doctor today.";
      case "BURN" -> "Cool the burn under cool running water for 20 minutes. A burn bigger than "
          + "the palm of the hand, or a deep one, should be seen today.";
      case "DIABETES" -> "Very high blood sugar or ketones need a doctor's advice today: follow "
          + "your sick-day rules and contact your diabetes team or a doctor.";
      case "PREGNANCY" -> "Bleeding, pain or fewer baby movements in pregnancy should be checked "
          + "today: contact your midwife, maternity unit or doctor now.";
      case "THROAT" -> "A sore throat so bad that you can hardly swallow or open your mouth "
          + "should be examined today.";
      case "RASH_FEVER" -> "A fever with a rash should be checked by a doctor today. If the "
          + "spots do not fade when you press a glass on them, it is an emergency.";
      case "DENTAL" -> "A swollen face from a tooth or gum infection should be seen today by a "
          + "dentist or doctor.";
      case "BLOOD" -> "Blood in the urine or stool should be checked by a doctor today. If there "
          + "is a lot of blood, or you feel faint, dizzy or very weak, it is an emergency.";
      case "PAIN" -> "Severe pain should be examined by a doctor today, even without a known "
          + "cause.";
      case "INFECTION" -> "An infection that is getting worse, or not improving on antibiotics, "
          + "should be seen by a doctor today.";
      case "HEAD_INJURY" -> "A knock to the head in someone who takes blood thinners should be "
          + "checked today, even if they seem well: bleeding inside the head can show late. "
          + "Vomiting, drowsiness, confusion or a worsening headache make it an emergency.";
      default -> "Please contact a doctor or clinic today about this.";
    };
  }

  /** What to do while help is on its way; null where the general line says it all. */
  static String emergencyGuidance(String category) {
    if (category == null) {
      return null;
    }
    return switch (category) {
      case "BREATHING" -> "Sit upright and keep still; loosen tight clothing. If you have a "
          + "reliever inhaler or an adrenaline auto-injector prescribed for this, use it. Unlock "
          + "the door for the responders.";
      case "CHOKING" -> "If the person cannot breathe, cough or speak, give up to 5 firm back "
          + "blows between the shoulder blades, then up to 5 abdominal thrusts; the dispatcher "
          + "will guide you.";
      case "CHEST_PAIN" -> "Stop any activity and sit or lie down while you wait. Do not drive "
          + "yourself to hospital.";
      case "STROKE" -> "Note the time the symptoms started. Do not give food, drink or medicine.";
      case "BLEEDING" -> "Press firmly on the wound with a clean cloth and keep pressing; do not "
          + "lift it to look.";
      case "ANAPHYLAXIS" -> "If an adrenaline (epinephrine) auto-injector was prescribed, use it "
          + "now. Lie down with legs raised, or sit up if breathing is hard.";
      case "SEIZURE" -> "Move hard objects away and cushion the head; do not hold the person down "
          + "or put anything in their mouth. Afterwards, turn them on their side.";
      case "UNCONSCIOUS" -> "If the person is not breathing normally, start CPR; the dispatcher "
          + "can guide you.";
      case "POISONING" -> "Do not make the person vomit. Keep the package or container to show "
          + "the responders.";
      case "CAUDA_EQUINA" -> "New loss of bladder or bowel control, numbness between the legs, or "
          + "sudden leg weakness, especially after a spine procedure, needs emergency care now.";
      case "HEAD_INJURY" -> "Keep the person still and do not leave them alone.";
      case "SEPSIS" -> "Fever or infection with confusion, fast breathing or a racing heart can "
          + "be sepsis: tell the call handler you think it could be sepsis.";
      case "EYE_CHEMICAL" -> "Rinse the eye now with plenty of clean running water for at least "
          + "20 minutes, holding the eyelids open; take out contact lenses.";
      case "AMPUTATION" -> "Press firmly on the wound. Wrap the cut-off part in a clean damp "
          + "cloth, put it in a sealed bag and keep the bag on ice, not touching the ice.";
      case "FRACTURE" -> "Do not move the limb or push the bone back; cover the wound with a "
          + "clean cloth.";
      case "HYPOTHERMIA" -> "Move the person somewhere warm, take off wet clothes and wrap them "
          + "in blankets; do not rub the skin or use direct heat.";
      case "PREGNANCY" -> "Lie down on your left side while you wait, and do not eat or drink.";
      case "SPINAL_INJURY" -> "Do not move the person unless they are in danger; keep the head and "
          + "neck still until help arrives.";
      case "HEAT_STROKE" -> "Move the person somewhere cool and cool them with water while you "
          + "wait.";
      case "INFANT_FEVER", "MENINGITIS" -> "Do not wait to see if it passes.";
      default -> null;
    };
  }
}
