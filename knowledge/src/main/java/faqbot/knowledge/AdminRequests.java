package faqbot.knowledge;

import java.util.regex.Pattern;

/**
 * Messages that ask the service for something, not for health information: what a treatment
 * costs, a copy of one's records or scans, waiting lists, whether a named doctor takes an
 * insurance, booking and opening hours. The knowledge base holds none of this, and a health page
 * matched on the message's medical word ("hip replacement" for its price, "MRI" for a copy of the
 * images) answers a question nobody asked; such a message is declined and queued for the
 * moderators, who can answer it. Found on the project's own question sets (own-2 P213, P219,
 * P221; own-3 R210, R211), written before any rule; own-5 T182 and T194 (insurance, one's address)
 * the same way.
 */
final class AdminRequests {
  private static final Pattern ASKS = Pattern.compile(String.join("|",
      // prices
      "\\bhow much (?:does|do|will|would|did|is|are)\\b.{0,60}\\bcost",
      "\\b(?:what|how much) (?:is|are|was) the (?:price|cost|fee|fees) (?:of|for)\\b",
      "\\b(?:price|prices|cost) (?:of|for) (?:a|an) private\\b",
      // records, results and images as documents
      "\\b(?:copy|copies) of (?:my|his|her|their|the) (?:medical |hospital |gp )?(?:records|notes"
          + "|file|files|mri|ct|x[ -]?rays?|scans?|images|results|letters?)\\b",
      "\\b(?:get|send|sent|transfer|transferred|request|access|obtain|move|moved) (?:a copy of )?"
          + "(?:my|his|her|their) (?:medical|health|hospital|gp) (?:records|notes|file)\\b",
      // waiting lists
      "\\b(?:waiting|wait) lists?\\b",
      // a named doctor or practice and an insurance
      "\\b(?:dr|doctor)\\.? [a-z]+ (?:take|takes|taking|accept|accepts|accepting)\\b",
      "\\b(?:take|takes|taking|accept|accepts|accepting) (?:medicaid|medicare|my insurance"
          + "|insurance|new patients)\\b",
      // whether one's own insurance pays ("does my insurance cover an MRI scan" was answered with
      // the MRI page); Medicare's coverage of a vaccine or drug stays a health question: MedlinePlus
      // has pages on it
      "\\b(?:my|our|his|her|their) (?:health |medical |travel |private )?(?:insurance|insurer|insurance company"
          + "|policy)\\b.{0,40}\\b(?:cover|covers|covered|pay|pays|paid|reimburse)\\b",
      "\\b(?:covered|paid for) by (?:my|our|his|her|their|the) (?:health |medical )?(?:insurance|insurer)\\b",
      // one's details on the records ("change my address on my medical records" got MedlinePlus's
      // page on personal health records)
      "\\b(?:change|update|correct) (?:my|his|her|their) (?:home )?(?:address|name|surname|phone number"
          + "|mobile number|email|contact details|details)\\b",
      // claiming a benefit, sick pay or expenses ("can my mum claim attendance allowance for her
      // copd" got the COPD overview): a question for the benefits office, not the knowledge base
      "\\bcan (?:i|we|he|she|they|my [a-z]+) claim\\b",
      "\\bclaim (?:for )?(?:[a-z]+ ){0,2}(?:allowance|benefits?|sick pay|expenses)\\b",
      // booking and opening hours
      "\\b(?:book|reschedule|cancel|change|move) (?:me in|my appointment|an appointment"
          + "|my scan|my slot)\\b",
      "\\bopening (?:hours|times)\\b"));

  private AdminRequests() {}

  /** Whether the message asks for a service the knowledge base cannot give. */
  static boolean asks(String text) {
    return text != null && ASKS.matcher(MatchText.fold(text).toLowerCase(java.util.Locale.ROOT))
        .find();
  }
}
