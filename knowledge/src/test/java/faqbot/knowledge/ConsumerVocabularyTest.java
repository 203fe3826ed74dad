package faqbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumerVocabularyTest {
  private static List<String> terms(String message) {
    return ConsumerVocabulary.standard().medicalTerms(message);
  }

  @Test
  void layWordsStandForTheirMedicalNames() {
    assertEquals(List.of("osteoporosis"), terms("How do they check for thinning bones?"));
    assertEquals(List.of("urinary incontinence"), terms("I leak a bit when I cough or sneeze"));
    assertEquals(List.of("deep vein thrombosis"), terms("could this be a clot in my calf?"));
    assertEquals(List.of("hemorrhoids"), terms("Piles since the baby"));
    assertEquals(List.of("hypothyroidism"), terms("signs of an underactive thyroid?"));
    assertEquals(List.of("hepatitis c"), terms("found out i have hep c"));
  }

  @Test
  void descriptionsThatNameAConditionOnTheirOwn() {
    assertEquals(List.of("high blood pressure"), terms("bp 160/100 is that bad"));
    assertEquals(List.of(), terms("bp 118/76 after my walk"));
    assertEquals(List.of("low blood pressure"), terms("I get dizzy every time I stand up"));
    assertEquals(List.of("peripheral arterial disease"), terms("my legs hurt when I walk and it stops when I rest"));
    assertEquals(List.of("pressure sores"), terms("how do I prevent bed sores"));
    assertEquals(List.of("tremor"), terms("my hands shake when I hold a cup"));
    assertEquals(List.of("jaundice"), terms("newborn has yellow skin on day 3"));
    assertEquals(List.of("falls"), terms("I am 82 and keep falling over"));
    assertEquals(List.of("clostridium difficile infections"), terms("could it be C diff?"));
  }

  @Test
  void conditionsNamedByTheirAdjectiveWhenItDescribesSomeone() {
    assertEquals(List.of("diabetes"), terms("im diabetic can i eat bananas"));
    assertEquals(List.of("asthma"), terms("my son is asthmatic, can he play football"));
    assertEquals(List.of("anxiety"), terms("i get really anxious before work"));
    assertEquals(List.of("depression"), terms("i feel so depressed lately"));
    assertEquals(List.of("dizziness"), terms("feeling dizzy all the time"));
    // the adjective alone is not the condition, and a drop on standing is low blood pressure
    assertEquals(List.of(), terms("anxious about my biopsy results"));
    assertEquals(List.of(), terms("what is a depressed skull fracture"));
    assertEquals(List.of("low blood pressure"), terms("i feel dizzy when i stand up"));
  }

  @Test
  void carersMedicinesAndWomensAndMensHealthInPatientsWords() {
    assertEquals(List.of("caregivers"), terms("any advice for carers"));
    assertEquals(List.of("herbal medicine"), terms("are herbal remedies actually safe"));
    assertEquals(List.of("swallowing disorders"), terms("my mum chokes on her food since the operation"));
    assertEquals(List.of("swallowing disorders"), terms("he has trouble swallowing tablets"));
    assertEquals(List.of("yeast infections"), terms("itchy down there, is that thrush"));
    assertEquals(List.of("premenstrual syndrome"), terms("moody the week before my period"));
    assertEquals(List.of("prostate cancer screening"), terms("should i get a psa test"));
    assertEquals(List.of("peyronie's disease"), terms("is that peyronies"));
    assertEquals(List.of("high blood cholesterol"), terms("dr says chol high"));
    assertEquals(List.of("prediabetes"), terms("i am prediabetic"));
    assertEquals(List.of("atrial fibrillation"), terms("af - what causes it"));
    assertEquals(List.of(), terms("tired af today"));
    // a caring relative is not a carer's question, and a baby's thrush has its own page
    assertEquals(List.of(), terms("thank you for caring"));
    assertEquals(List.of(), terms("what is thrush in newborns"));
  }

  @Test
  void ordinaryUsesOfTheWordsStandForNothing() {
    assertEquals(List.of(), terms("what helps a headache?"));
    assertEquals(List.of(), terms("my cold sore will not heal"));
    assertEquals(List.of(), terms("the bones of the hand"));
    assertEquals(List.of(), terms(""));
  }

  @Test
  void namesPatientsUseInBritishAndIndianEnglish() {
    assertEquals(List.of("diabetes"), terms("my father is having sugar since 10 years"));
    assertEquals(List.of("diabetes"), terms("nan has sugar, she takes tablets"));
    assertEquals(List.of("premenstrual syndrome"), terms("bad PMT every month"));
    assertEquals(List.of("autism"), terms("our autistic daughter"));
    assertEquals(List.of("hemochromatosis"), terms("too much iron in his blood"));
    assertEquals(List.of("erectile dysfunction"), terms("trouble keeping an erection"));
    assertEquals(List.of("canker sores"), terms("mouth ulcers that keep coming back"));
    assertEquals(List.of("atrial fibrillation"), terms("the ECG shows it is probably AF"));
    assertEquals(List.of("fifth disease"), terms("is this slapped cheek?"));
    assertEquals(List.of("tonsils and adenoids"), terms("she keeps getting tonsillitis"));
    assertEquals(List.of("febrile seizures"), terms("she had a fit when her temperature went up"));
    assertEquals(List.of("obesity in children"), terms("how can i tell if my child is overweight"));
    assertEquals(List.of("jaundice"), terms("her eyes look a bit yellow"));
    assertEquals(List.of("pleural disorders"), terms("the nurse said he has fluid on the lungs"));
    assertEquals(List.of("headache"), terms("what causes tension headaches?"));
    assertEquals(List.of("lymphatic diseases"), terms("swollen glands in my neck"));
    // slang and adults are not
    assertEquals(List.of(), terms("tired af after the night shift"));
    assertEquals(List.of(), terms("my husband is overweight"));
    // sugar as food is no illness
    assertEquals(List.of(), terms("i have sugar in my tea"));
    assertEquals(List.of(), terms("kids had sugar-free sweets"));
  }

  @Test
  void teenagersCarersAndParentsInTheirOwnWords() {
    assertEquals(List.of("e-cigarettes"), terms("is vaping bad 4 u"));
    assertEquals(List.of("sudden infant death syndrome"), terms("how do we lower the risk of cot death"));
    assertEquals(List.of("postpartum depression"), terms("is it postnatal depression or the baby blues"));
    assertEquals(List.of("suicide"), terms("what if he might be suicidal"));
    assertEquals(List.of("self-harm"), terms("my friend cuts herself"));
    assertEquals(List.of("dizziness and vertigo"), terms("the room spins when i roll over"));
    assertEquals(List.of("color blindness"), terms("is he colour blind"));
    assertEquals(List.of("hiv/aids medicines"), terms("do hiv meds have side effects"));
    assertEquals(List.of("tremor"), terms("his hands are shaking"));
    assertEquals(List.of("low blood pressure"), terms("dad gets dizzy when he stands up"));
    assertEquals(List.of("urinary incontinence"), terms("she leaks urine when she coughs"));
    assertTrue(terms("dad had a stroke, what does stroke rehab involve").contains("stroke rehabilitation"));
    // a hurt that is not done to oneself, and a spinning that is not felt
    assertEquals(List.of(), terms("she cut her finger on a knife"));
    assertEquals(List.of(), terms("the washing machine is spinning loudly"));
  }

  @Test
  void sportsInjuriesResultsAndTwoConditionsInPatientsWords() {
    assertEquals(List.of("streptococcal infections"), terms("pretty sure my son has strep throat"));
    assertEquals(List.of("sprains and strains"), terms("think i sprained my ankle"));
    assertEquals(List.of("sprains and strains"), terms("pulled hamstring how long to heal"));
    assertEquals(List.of("fractures"), terms("broke my wrist snowboarding"));
    assertEquals(List.of("lyme disease"), terms("now there's a bullseye rash"));
    assertEquals(List.of("pneumonia"), terms("grandad is in hospital with new Monia"));
    assertEquals(List.of("crohn's disease"), terms("chrons disease flare up"));
    assertEquals(List.of("cirrhosis"), terms("what is sclerosis of the liver"));
    assertEquals(List.of("insomnia"), terms("i keep waking up at 3am and can't get back to sleep"));
    assertEquals(List.of("restless legs"), terms("legs feel creepy crawly at night"));
    assertEquals(List.of("postpartum depression"), terms("feeling really low since the baby was born"));
    assertEquals(List.of("hypothyroidism"), terms("my doctor said my TSH is high"));
    assertEquals(List.of("hyperthyroidism"), terms("my tsh came back low"));
    assertEquals(List.of("high blood cholesterol"), terms("my ldl is 190"));
    assertEquals(List.of("high blood pressure"), terms("my reading was 150 over 95"));
    assertEquals(List.of("hemochromatosis"), terms("my ferritin is very high"));
    assertEquals(List.of("proteinuria"), terms("the doctor found protein in my urine"));
    assertEquals(List.of("kidney disease of diabetes"), terms("i have diabetes and high blood pressure, how do i protect my kidneys"));
    assertEquals(List.of("lupus nephritis"), terms("lupus affecting my kidneys"));
    assertEquals(List.of("psoriatic arthritis"), terms("psoriasis and now my joints hurt too"));
    assertEquals(List.of("alzheimer's caregiving"), terms("caring for my wife with alzheimers"));
    assertEquals(List.of("diabetes"), terms("symtoms of diabeetus type 2"));
    // a normal result, a number that is no reading, a shift without sleep, and strep's longer names
    assertEquals(List.of(), terms("my ldl is 90"));
    assertEquals(List.of(), terms("she turned 150 over the years"));
    assertEquals(List.of(), terms("tired after the night shift"));
    assertEquals(List.of(), terms("what is streptococcus"));
  }

  @Test
  void medicinesPregnancyBabiesAndOlderParentsInPatientsWords() {
    assertEquals(List.of("hormone replacement therapy"), terms("does hrt increase my risk of breast cancer"));
    assertEquals(List.of("cancer chemotherapy"), terms("chemo side effects how bad"));
    assertEquals(List.of("cold and cough medicines"), terms("which cold and flu tablets are safe"));
    assertEquals(List.of("herbal medicine"), terms("is st johns wort safe with my pills"));
    assertEquals(List.of("birth control"), terms("missed my pill yesterday am i still protected"));
    assertEquals(List.of("birth control"), terms("how late can i take the morning after pill"));
    assertEquals(List.of("pregnancy and medicines"), terms("can i take paracetamol while pregnant"));
    assertEquals(List.of("infertility"), terms("we have been trying for a baby for over a year"));
    assertEquals(List.of("premature babies"), terms("baby born at 33 weeks, will she catch up"));
    assertEquals(List.of("constipation"), terms("my 3 year old hasnt pooed in 4 days"));
    assertEquals(List.of("speech and language problems in children"), terms("my 2 year old still isnt saying any words"));
    assertEquals(List.of("puberty"), terms("she is 7 and has breast buds"));
    assertEquals(List.of("pinworms"), terms("the kids have itchy bottoms at night"));
    assertEquals(List.of("delirium"), terms("dad got really confused in hospital after his operation"));
    assertEquals(List.of("nutrition for seniors"), terms("my elderly mum has stopped eating properly"));
    assertEquals(List.of("pressure sores"), terms("gran is in bed all day and has sores on her bottom"));
    assertEquals(List.of("advance directives"), terms("what is a living will"));
    assertEquals(List.of("fever"), terms("toddler has a temperature of 39"));
    assertEquals(List.of("childhood immunization"), terms("what vaccines does my baby need"));
    assertEquals(List.of("obesity in children"), terms("my 10 year old is overweight"));
    // the same words about something else
    assertEquals(List.of(), terms("can i take a bath while pregnant"));
    assertEquals(List.of(), terms("my 45 year old husband is overweight"));
    assertEquals(List.of(), terms("temperature of 37 is normal"));
    assertEquals(List.of(), terms("he is not talking to me after our argument"));
    assertEquals(List.of(), terms("boil the water first"));
    assertEquals(List.of(), terms("my 2 year old isnt talking yet, what are the signs of autism"));
    assertEquals(List.of(), terms("i thought chemo was a few months"));
  }

  @Test
  void theMindSkinEyesEarsAndWomensAndMensHealthInPatientsWords() {
    assertEquals(List.of("depression"), terms("cant get out of bed and dont enjoy anything anymore"));
    assertEquals(List.of("seasonal affective disorder"), terms("i get really down every winter"));
    assertEquals(List.of("bereavement"), terms("my husband died and i can't cope"));
    assertEquals(List.of("schizophrenia"), terms("my brother says he hears voices"));
    assertEquals(List.of("marijuana"), terms("how do i stop smoking weed"));
    assertEquals(List.of("fatigue"), terms("tired all the time even after sleeping"));
    assertEquals(List.of("abscess"), terms("boils keep coming back on my thighs"));
    assertEquals(List.of("tinea infections"), terms("red ring shaped itchy patch on my arm"));
    assertEquals(List.of("itching"), terms("itchy all over at night but no rash"));
    assertEquals(List.of("skin pigmentation disorders"), terms("dark patches on my face since pregnancy"));
    assertEquals(List.of("vitiligo"), terms("white patches spreading on my hands"));
    assertEquals(List.of("bedbugs"), terms("itchy bites in a line, bed bugs?"));
    assertEquals(List.of("poison ivy, oak and sumac"), terms("how do i get rid of poison ivy rash"));
    assertEquals(List.of("retinal detachment"), terms("seeing flashes of light and new floaters"));
    assertEquals(List.of("blepharospasm"), terms("my eyelid has been twitching for a week"));
    assertEquals(List.of("eye injuries"), terms("scratched my eye with a fingernail"));
    assertEquals(List.of("refractive errors"), terms("need reading glasses at 45"));
    assertEquals(List.of("barotrauma"), terms("ears blocked and painful after a flight"));
    assertEquals(List.of("menstruation"), terms("missed my period 3 months not pregnant"));
    assertEquals(List.of("vaginal diseases"), terms("fishy smelling discharge"));
    assertEquals(List.of("breast diseases"), terms("found a lump in my breast"));
    assertEquals(List.of("pelvic support problems"), terms("feels like something is falling out down below"));
    assertEquals(List.of("sexual problems in men"), terms("i finish too quickly in bed"));
    assertEquals(List.of("erectile dysfunction"), terms("can diabetes cause erection problems"));
    assertEquals(List.of("iron-deficiency anemia"), terms("low ferritin"));
    assertEquals(List.of("high blood pressure"), terms("hi blood presure foods"));
    assertEquals(List.of("arthritis"), terms("artheritis in my hands"));
    assertEquals(List.of("heartburn"), terms("a burning feeling in my chest after meals"));
    assertEquals(List.of("angina"), terms("tight pain in his chest when he walks up the hill"));
    assertEquals(List.of("nausea and vomiting"), terms("morning sickness all day"));
    assertEquals(List.of("testicular disorders"), terms("hard lump on my testicle"));
    assertEquals(List.of("breastfeeding"), terms("is it safe to breastfeed while taking antibiotics"));
    assertEquals(List.of("fetal alcohol spectrum disorders"), terms("is one drink a week ok in pregnancy"));
    assertEquals(List.of("prenatal testing"), terms("what tests are done in early pregnancy"));
    assertEquals(List.of("caffeine"), terms("how much coffee can i drink"));
    assertEquals(List.of("vaginal bleeding"), terms("spotting at 7 weeks pregnant"));
    assertEquals(List.of("stroke rehabilitation"), terms("help my father recover at home after his stroke"));
    assertEquals(List.of("peptic ulcer"), terms("ulser in stomach"));
    assertEquals(List.of("medication errors"), terms("i took my heart pills twice by mistake"));
    assertEquals(List.of("medicines and children"), terms("can i give my 4 year old half an adult painkiller"));
    // the same words about something else (hair falling out is hair loss, not a prolapse)
    assertEquals(List.of("hair loss"), terms("my hair is falling out"));
    assertEquals(List.of(), terms("can a pregnancy test be wrong"));
    assertEquals(List.of(), terms("coffee ground vomit"));
    assertEquals(List.of("caffeine"), terms("how much coffee can i drink when pregnant"));
    assertEquals(List.of(), terms("the weed killer got on my hands"));
    assertEquals(List.of(), terms("white patches in my mouth"));
    assertEquals(List.of(), terms("my dad passed his driving test"));
    assertEquals(List.of(), terms("since my dad died, my mum seems very low"));
    assertEquals(List.of("trichomoniasis"), terms("smelly discharge could it be trich"));
  }

  @Test
  void childrenOlderParentsResultsAndStoriesInEverydayWords() {
    assertEquals(List.of("pinworms"), terms("my daughter has threadworms again"));
    assertEquals(List.of("jaundice"), terms("his skin and eyes have gone a bit yellow"));
    assertEquals(List.of("fifth disease"), terms("bright red cheeks like she's been slapped"));
    assertEquals(List.of("infant and newborn development"), terms("my 9 month old isn't crawling yet"));
    assertEquals(List.of("toddler development"), terms("my 20 month old is not walking yet"));
    assertEquals(List.of("acne"), terms("spots all over my back"));
    assertEquals(List.of("insect bites and stings"), terms("stung by a bee on the foot"));
    assertEquals(List.of("eczema"), terms("itchy red patches behind her knees"));
    assertEquals(List.of("psoriasis"), terms("thick red scaly patches on my elbows"));
    assertEquals(List.of("child nutrition"), terms("he's a really fussy eater"));
    assertEquals(List.of("speech and language problems in children"), terms("she is 3 and only says a few words"));
    assertEquals(List.of("edema"), terms("her ankles are swollen by the evening"));
    assertEquals(List.of("nursing homes"), terms("we are looking for a care home for dad"));
    assertEquals(List.of("dehydration"), terms("he hardly drinks anything"));
    assertEquals(List.of("taste and smell disorders"), terms("lost my sense of smell"));
    assertEquals(List.of("chlamydia infections"), terms("could i have chlamydia"));
    assertEquals(List.of("piercing and tattoos"), terms("is my tattoo infected"));
    assertEquals(List.of("club drugs"), terms("i think my drink was spiked"));
    assertEquals(List.of("pinkeye"), terms("her eyes are sticky in the morning"));
    assertEquals(List.of("helicobacter pylori infections"), terms("treatment for h pylori"));
    assertEquals(List.of("polycystic ovary syndrome"), terms("can pcos stop you getting pregnant"));
    assertEquals(List.of("a1c"), terms("my hba1c is 48"));
    assertEquals(List.of(), terms("is the hba1c the test for diabetes"));
    assertEquals(List.of("prostate cancer screening"), terms("my psa came back high"));
    assertEquals(List.of("ovarian cysts"), terms("a cyst on my ovary"));
    assertEquals(List.of("carpal tunnel syndrome"), terms("my fingers go numb at night"));
    assertEquals(List.of("sleep apnea"), terms("he stops breathing for a few seconds when asleep"));
    assertEquals(List.of("postpartum depression"), terms("since the baby came she can't bond with her"));
    assertEquals(List.of("knee injuries and disorders"), terms("knee pain when running"));
    assertEquals(List.of("migraine"), terms("flashing zigzag lines and then a headache"));
    assertEquals(List.of("hay fever"), terms("sneezing every spring"));
    assertEquals(List.of("hernia"), terms("a bulge in my groin"));
    assertEquals(List.of("eating disorders"), terms("is she anorexic"));
    assertEquals(List.of("diabetic diet"), terms("best foods for diabetes"));
    assertEquals(List.of("knee replacement"), terms("walking after my new knee"));
    assertEquals(List.of("osteoporosis"), terms("how to make my bones stronger"));
    assertEquals(List.of("alcoholism and alcohol abuse"), terms("he drinks too much alcohol"));
    assertEquals(List.of("anesthesia"), terms("general anaesthetic risks"));
    assertEquals(List.of("vaginal bleeding"), terms("bleeding after sex"));
    assertEquals(List.of("postpartum care"), terms("bleeding after giving birth"));
    assertEquals(List.of("blood transfusion and donation"), terms("can i donate blood"));
    assertEquals(List.of("proteinuria"), terms("my urine test showed protein"));
    assertEquals(List.of("child behavior disorders"), terms("he has temper tantrums every day"));
    assertEquals(List.of("teen mental health"), terms("my teenage daughter seems depressed"));
    // the same words about something else
    assertEquals(List.of(), terms("the care home lost her glasses"));
    assertEquals(List.of(), terms("i don't drink much alcohol"));
    assertEquals(List.of("caffeine"), terms("i drink too much coffee"));
    assertEquals(List.of(), terms("a piercing pain in my side"));
    assertEquals(List.of("skin pigmentation disorders"), terms("dark spots on my face"));
    assertEquals(List.of("retinal detachment"), terms("flashes and floaters in one eye"));
  }

  @Test
  void medicinesVaccinesPregnancyChildrenResultsAndTheMindInPatientsWords() {
    assertEquals(List.of("antidepressants"), terms("what happens if u stop sertraline suddenly"));
    assertEquals(List.of("steroids"), terms("prednisolone making me so hungry"));
    assertEquals(List.of("birth control"), terms("the condom broke last night"));
    assertEquals(List.of("childhood immunization"), terms("is the mmr safe"));
    assertEquals(List.of("vaccines", "childhood immunization"), terms("my baby had her jabs today"));
    assertEquals(List.of("pregnancy and nutrition"), terms("how much should i put on when pregnant"));
    assertEquals(List.of("iron-deficiency anemia"), terms("craving ice all the time"));
    assertEquals(List.of("listeria infections"), terms("can i eat soft cheese"));
    assertEquals(List.of("gestational diabetes"), terms("the sugar test in my pregnancy came back high"));
    assertEquals(List.of("menstruation"), terms("period 10 days late"));
    assertEquals(List.of("food allergy"), terms("she has a peanut allergy"));
    assertEquals(List.of("gastroesophageal reflux disease"), terms("she spits up milk after every feed"));
    assertEquals(List.of("yeast infections"), terms("baby has white patches in his mouth"));
    assertEquals(List.of("hematuria"), terms("urine test found blood"));
    assertEquals(List.of("bone density"), terms("scan says osteopenia"));
    assertEquals(List.of("prostate cancer screening"), terms("what does a raised psa mean"));
    assertEquals(List.of("anemia"), terms("am i anaemic"));
    assertEquals(List.of("diabetic foot"), terms("diabetic, how often should i check my feet"));
    assertEquals(List.of("high blood pressure"), terms("how can i lower my blood pressure"));
    assertEquals(List.of("crohn's disease"), terms("crohns flare again"));
    assertEquals(List.of("multiple sclerosis"), terms("living with ms"));
    assertEquals(List.of("obsessive-compulsive disorder"), terms("i cant stop checking the door"));
    assertEquals(List.of("bipolar disorder"), terms("could it be bipolar"));
    assertEquals(List.of("eating disorders"), terms("he is obsessed with his weight"));
    assertEquals(List.of("heat illness"), terms("keeping cool in a heatwave"));
    assertEquals(List.of("exercise for seniors"), terms("how much exercise should a 70 year old do"));
    assertEquals(List.of("advance directives"), terms("what is a power of attorney"));
    assertEquals(List.of("urine", "urinary tract infection"), terms("burning when i pee"));
    assertEquals(List.of("urinary incontinence"), terms("she leaks a bit of wee when she coughs"));
    assertEquals(List.of("testicular disorders"), terms("pain in my testicle"));
    assertEquals(List.of("knee injuries and disorders"), terms("pain in knees when walking"));
    assertEquals(List.of("nutrition for early chronic kidney disease in adults"), terms("kidney disease, what should i eat"));
    // the same words about something else
    assertEquals(List.of(), terms("been on 20mg citalopram, can i go up to 40mg"));
    assertEquals(List.of(), terms("crohns or ulcerative colitis"));
    assertEquals(List.of(), terms("diabetic and my feet tingle"));
    assertEquals(List.of(), terms("my kid has eczema and now peanut allergy"));
    assertEquals(List.of(), terms("white patches in my mouth"));
    assertEquals(List.of(), terms("ms smith is my nurse"));
  }

  @Test
  void mensHealthDigestionSkinTeethChildrenAndTravelInPatientsWords() {
    assertEquals(List.of("peyronie's disease"), terms("my penis has started bending"));
    assertEquals(List.of("erectile dysfunction"), terms("is viagra safe with my heart"));
    assertEquals(List.of("enlarged prostate"), terms("67 and the stream is weak at night"));
    assertEquals(List.of("testicular disorders"), terms("a lump on my left testicle"));
    assertEquals(List.of("polymyalgia rheumatica"), terms("gp mentioned pmr"));
    assertEquals(List.of("macular degeneration"), terms("straight lines look wavy"));
    assertEquals(List.of("fecal incontinence"), terms("i leak poo sometimes"));
    assertEquals(List.of("warts"), terms("a verruca on my foot"));
    assertEquals(List.of("athlete's foot"), terms("itchy peeling skin between my toes"));
    assertEquals(List.of("impetigo"), terms("crusty yellow sores round his mouth"));
    assertEquals(List.of("scabies"), terms("itching at night, worst between the fingers"));
    assertEquals(List.of("corns and calluses"), terms("hard skin on the ball of my foot"));
    assertEquals(List.of("skin aging"), terms("how do i prevent wrinkles"));
    assertEquals(List.of("gum disease"), terms("my gums bleed when i brush"));
    assertEquals(List.of("temporomandibular joint dysfunction"), terms("my jaw clicks when i chew"));
    assertEquals(List.of("salivary gland disorders"), terms("a stone in the gland under my jaw"));
    assertEquals(List.of("tooth disorders"), terms("cracked my back tooth"));
    assertEquals(List.of("child dental health"), terms("when should a baby first see a dentist"));
    assertEquals(List.of("motion sickness"), terms("bad sea sickness on ferries"));
    assertEquals(List.of("animal bites"), terms("bitten by the neighbour's dog"));
    assertEquals(List.of("growth disorders"), terms("much shorter than everyone in his class"));
    assertEquals(List.of("amblyopia"), terms("one of her eyes turns inwards"));
    assertEquals(List.of("eating disorders"), terms("she is making herself sick after meals"));
    assertEquals(List.of("vital signs"), terms("what is a normal resting heart rate"));
    assertEquals(List.of("prevent diabetes problems: keep your mouth healthy"), terms("do diabetics get more gum problems"));
    assertEquals(List.of("canker sores"), terms("ulcers on the inside of my cheek"));
    assertEquals(List.of("diabetes", "diabetic foot"), terms("she is diabetic and her foot wound won't heal"));
    assertEquals(List.of("toilet training"), terms("is she ready for potty training"));
    assertEquals(List.of("bad breath"), terms("my breath smells even though i brush"));
    assertEquals(List.of("orthodontia"), terms("what age should kids get braces"));
    assertEquals(List.of("gas"), terms("farting all evening"));
    assertEquals(List.of("infant and newborn development"), terms("when should a baby start crawling"));
    assertEquals(List.of("toddler nutrition"), terms("how much should a 1 year old be eating"));
    assertEquals(List.of("rosacea"), terms("cheeks that flush with wine"));
    assertEquals(List.of("men's health"), terms("health checks for a man of 45"));
    assertEquals(List.of("familial hypercholesterolemia"), terms("high cholesterol, does it run in the family"));
    assertEquals(List.of("polycystic kidney disease"), terms("my dad had polycystic kidneys"));
    assertEquals(List.of("ehlers-danlos syndrome"), terms("could it be eds"));
    assertEquals(List.of("duchenne muscular dystrophy"), terms("my nephew has duchenne"));
    assertEquals(List.of("neurofibromatosis type 1"), terms("checked for nf1"));
    assertEquals(List.of("spinal stenosis"), terms("pain in my legs that eases when i sit down"));
    assertEquals(List.of("giardia infections"), terms("we drank stream water"));
    assertEquals(List.of("dumping syndrome"), terms("since my stomach surgery i get diarrhoea after eating"));
    assertEquals(List.of("male breast cancer"), terms("do men get breast cancer"));
    // the same words about something else
    assertEquals(List.of(), terms("a wisdom tooth out and my breath smells awful"));
    assertEquals(List.of(), terms("my son is much shorter than his friends"));
    assertEquals(List.of(), terms("duchenne muscular dystrophy"));
    assertEquals(List.of(), terms("a stream in the woods"));
  }

  @Test
  void womensHealthSportsInjuriesSleepTheMindAndAllergiesInPatientsWords() {
    assertEquals(List.of("high blood pressure in pregnancy"), terms("midwife says my blood pressure is high"));
    assertEquals(List.of("tubal ligation"), terms("can having your tubes tied be reversed"));
    assertEquals(List.of("sprains and strains"), terms("rolled my ankle on the stairs"));
    assertEquals(List.of("tendinitis"), terms("sore achilles after running"));
    assertEquals(List.of("finger injuries and disorders"), terms("jammed my thumb in the door"));
    assertEquals(List.of("sports injuries", "leg injuries and disorders"), terms("got shin splints again"));
    assertEquals(List.of("insomnia"), terms("i cant fall asleep before 2"));
    assertEquals(List.of("phobias"), terms("how do i get over a fear of needles"));
    assertEquals(List.of("hives"), terms("my son came out in itchy welts"));
    assertEquals(List.of("lactose intolerance"), terms("dairy gives me cramps"));
    assertEquals(List.of("irritable bowel syndrome"), terms("diarrhoea then constipation for weeks"));
    assertEquals(List.of("gout"), terms("my uric acid is high"));
    assertEquals(List.of("newborn screening"), terms("what is the heel prick for"));
    // herbal sleeping tablets are a question about herbs, tingling alone is not the nerve page,
    // and 'tennis elbow' by name stays MedlinePlus's elbow page, not tendinitis
    assertEquals(List.of(), terms("are herbal sleeping tablets safe"));
    assertEquals(List.of(), terms("diabetic with tingling feet"));
    assertEquals(List.of("elbow injuries and disorders"), terms("what is tennis elbow"));
  }

  @Test
  void infectionsGlandsBloodCancerCareAndOlderParentsInPatientsWords() {
    assertEquals(List.of("celiac disease"), terms("is coeliac disease genetic"));
    assertEquals(List.of("radiation therapy"), terms("tired after radiotherapy"));
    assertEquals(List.of("cancer chemotherapy"), terms("can i work during chemo"));
    assertEquals(List.of("common cold"), terms("is it flu or just a cold"));
    assertEquals(List.of("graves' disease"), terms("she was diagnosed with graves last year"));
    assertEquals(List.of("adrenal insufficiency and addison's disease"), terms("living with addisons"));
    assertEquals(List.of("osteogenesis imperfecta"), terms("what causes brittle bone disease"));
    assertEquals(List.of("cold urticaria"), terms("hives when i swim in the cold sea"));
    assertEquals(List.of("sciatica"), terms("pain shooting down my left leg"));
    assertEquals(List.of("inguinal hernia"), terms("a lump in my groin when i cough"));
    // a groin bulge alone stays the hernia page; 'albinism' and graves without a verb stand for
    // nothing new; a cold alone is not the common cold
    assertEquals(List.of("hernia"), terms("a bulge in my groin"));
    assertEquals(List.of(), terms("visiting the graves of my grandparents"));
    assertEquals(List.of(), terms("i have a cold"));
  }

  @Test
  void heartLungsKidneysChildrenDiabetesAndMedicinesInPatientsWords() {
    assertEquals(List.of("asthma"), terms("when do i use the brown inhaler"));
    assertEquals(List.of("testicular disorders", "testicular cancer"), terms("a painless lump in one of my testicles"));
    assertEquals(List.of("childhood acute lymphoblastic leukemia"), terms("how is leukaemia in children treated"));
    assertEquals(List.of("quitting smoking"), terms("do nicotine patches work"));
    assertEquals(List.of("monitor your diabetes"), terms("how often should i check my blood sugar"));
    assertEquals(List.of("high blood pressure"), terms("what is a normal blood pressure at 60"));
    assertEquals(List.of("diabetes type 2"), terms("best foods for type 2"));
    assertEquals(List.of(), terms("type 2 diabetic since last year"));
    assertEquals(List.of("erectile dysfunction"), terms("is impotence common after 50"));
    // quitting smoking by the verb alone stays nothing (its older adults' page is another topic),
    // weed stays marijuana, and a blood pressure reading that is fine names no condition
    assertEquals(List.of(), terms("my dad wants to quit smoking at 72"));
    assertEquals(List.of("marijuana"), terms("how do i stop smoking weed"));
    assertEquals(List.of(), terms("my blood pressure was fine today"));
  }

  @Test
  void medicinesOlderParentsChildrenTheMindAndTestsInPatientsWords() {
    assertEquals(List.of("bipolar disorder"), terms("doctors think he is bipoler"));
    assertEquals(List.of("compulsive gambling"), terms("my dad has a gambling problem"));
    assertEquals(List.of("electrocardiogram"), terms("what does an ecg show"));
    assertEquals(List.of(), terms("the ecg showed a fast rhythm"));
    assertEquals(List.of("urinalysis"), terms("what can a urine test show"));
    assertEquals(List.of("proteinuria"), terms("my urine test showed protein"));
    assertEquals(List.of("fabry disease"), terms("my brother has fabrys disease"));
    assertEquals(List.of("fecal incontinence"), terms("she has accidents with her bowels"));
    assertEquals(List.of("medication errors"), terms("how can we avoid medication mistakes"));
    assertEquals(List.of("febrile seizures"), terms("he had a fit with a high temprature"));
    assertEquals(List.of("postpartum depression"), terms("my wife cries all the time since the baby came"));
    assertEquals(List.of(), terms("the baby cries all the time since birth"));
    assertEquals(List.of("prenatal testing"), terms("is an amniocentesis risky"));
  }

  @Test
  void olderPeopleChildrenWomenKidneysTravelAndMedicinesInPatientsWords() {
    assertEquals(List.of("hospice care"), terms("is hospice only for people with cancer"));
    assertEquals(List.of("solitary kidney"), terms("can you live a normal life with only one kidney"));
    assertEquals(List.of("taeniasis"), terms("can you get tape worms from pork"));
    assertEquals(List.of("sarcoidosis"), terms("what is sarcoid"));
    assertEquals(List.of("sudden infant death syndrome"), terms("how do i lower the risk of sids"));
    assertEquals(List.of("birth control"), terms("which contraception is best for me"));
    assertEquals(List.of("mammography"), terms("how often should i have a mammogram"));
    assertEquals(List.of("obesity in children"), terms("my daughter is 9 and overweight"));
    assertEquals(List.of("nutrition for seniors"), terms("what should older people eat"));
    assertEquals(List.of("falls"), terms("how to stop an elderly person falling"));
    assertEquals(List.of("traveler's health"), terms("staying healthy when travelling abroad"));
    assertEquals(List.of("blood pressure medicines"), terms("what kinds of blood pressure tablets are there"));
    assertEquals(List.of("jaundice"), terms("his skin looks a bit yellowish"));
    assertEquals(List.of("tonsils and adenoids"), terms("her tonsils are swollen again"));
    assertEquals(List.of("swallowing disorders"), terms("food keeps going down the wrong way"));
    // look-alikes: a stone in the one kidney, falling asleep, another medicine taken with the
    // blood pressure tablets, a yellowish discharge
    assertEquals(List.of(), terms("only one kidney stone this time"));
    assertEquals(List.of(), terms("the older man was falling asleep in his chair"));
    assertEquals(List.of(), terms("can i take antihistamines with my blood pressure tablets"));
    assertEquals(List.of(), terms("yellowish discharge from the corner of the eye"));
  }

  @Test
  void theTableLoadsAndAMalformedLineIsAnError() {
    assertTrue(ConsumerVocabulary.standard().size() > 50);
    assertEquals(List.of("x"), ConsumerVocabulary.parse(List.of("# c", "x = ab ; cd   # note")).medicalTerms("cd"));
    assertThrows(IllegalArgumentException.class, () -> ConsumerVocabulary.parse(List.of("no pattern here")));
    assertThrows(IllegalArgumentException.class, () -> ConsumerVocabulary.parse(List.of("x = a ;; b")));
    IllegalArgumentException badRegex = assertThrows(IllegalArgumentException.class,
        () -> ConsumerVocabulary.parse(List.of("# c", "x = a(b")));
    assertTrue(badRegex.getMessage().startsWith("consumer vocabulary line 2:"), badRegex.getMessage());
  }

  @Test
  void aDefinedPartStandsWhereverItIsNamedAndOnlyBelowItsDefinition() {
    ConsumerVocabulary v = ConsumerVocabulary.parse(List.of(
        "@who = i'm|she is", "@how = @who( so)?", "asthma = @how asthmatic", "gout = @who gouty ; gout"));
    assertEquals(List.of("asthma"), v.medicalTerms("she is so asthmatic"));
    assertEquals(List.of("gout"), v.medicalTerms("I'm gouty"));
    assertEquals(List.of(), v.medicalTerms("asthmatic"));
    // the alternation stays inside its group: "i'm" alone is not a match for "@who asthmatic"
    assertEquals(List.of(), v.medicalTerms("i'm fine, she is not asthmatic"));

    IllegalArgumentException undefined = assertThrows(IllegalArgumentException.class,
        () -> ConsumerVocabulary.parse(List.of("x = @who y", "@who = i'm")));
    assertTrue(undefined.getMessage().contains("line 1") && undefined.getMessage().contains("@who"),
        undefined.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ConsumerVocabulary.parse(List.of("@who = a", "@who = b")));
    assertThrows(IllegalArgumentException.class, () -> ConsumerVocabulary.parse(List.of("@Who = a")));
  }
}
