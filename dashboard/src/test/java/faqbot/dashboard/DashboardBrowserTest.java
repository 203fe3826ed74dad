package faqbot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import faqbot.knowledge.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver, which
 * .ci/run installs; skipped with a message where they are missing). Screenshots go to
 * target/screenshots.
 */
class DashboardBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target", "screenshots");

  @TempDir
  Path home;
  @TempDir
  Path profile;
  Harness h;
  WebDriver browser;
  WebDriverWait wait;

  @BeforeAll
  static void needsBrowser() {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "browser tests skipped: no " + CHROMIUM + " or " + DRIVER
            + " (apt-get install chromium chromium-driver; .ci/run does)");
  }

  @BeforeEach
  void start() throws IOException {
    // a day's last hours, so the 7-day chart ends in a full day
    h = new Harness(home, false, Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(20)));
    h.seedLog();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
        "--window-size=1200,1000");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    Files.createDirectories(SHOTS);
  }

  @AfterEach
  void stop() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    h.close();
  }

  void screenshot(String name) throws IOException {
    Files.write(SHOTS.resolve(name + ".png"),
        ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  void signIn(String userId) {
    browser.get(h.link(userId));
    browser.findElement(By.id("signin")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header nav")));
  }

  @Test
  void theOverviewDrawsTheSeededLogAsAStackedChart() throws IOException {
    signIn(Harness.ADMIN);
    assertTrue(browser.getTitle().startsWith("Overview"), browser.getTitle());
    wait.until(ExpectedConditions.attributeToBe(By.id("chart"), "data-rendered", "true"));
    WebElement canvas = browser.findElement(By.cssSelector("#chart canvas"));
    assertTrue(canvas.getSize().getWidth() > 200, "the chart has its width");
    // pixels of the "answered" colour (#009e73) and the "no match" colour (#e69f00): the bars
    // were drawn from the log's data, not only axes
    long answered = colourPixels(0, 158, 115);
    long noMatch = colourPixels(230, 159, 0);
    assertTrue(answered > 200, "answered bars drawn: " + answered);
    assertTrue(noMatch > 50, "no-match bars drawn: " + noMatch);
    String figures = browser.findElement(By.cssSelector(".cards")).getText();
    assertTrue(figures.contains(String.valueOf(h.seeded)), figures);
    screenshot("overview");

    browser.manage().window().setSize(new Dimension(390, 844));
    browser.navigate().refresh();
    wait.until(ExpectedConditions.attributeToBe(By.id("chart"), "data-rendered", "true"));
    long scrollWidth = (Long) ((JavascriptExecutor) browser)
        .executeScript("return document.documentElement.scrollWidth;");
    assertTrue(scrollWidth <= 390, "no sideways scrolling on a phone: " + scrollWidth);
    screenshot("overview-phone");
  }

  long colourPixels(int r, int g, int b) {
    Object n = ((JavascriptExecutor) browser).executeScript(
        "var c = document.querySelector('#chart canvas');"
            + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            + "var n = 0; for (var i = 0; i < d.length; i += 4) {"
            + "  if (Math.abs(d[i] - arguments[0]) < 8 && Math.abs(d[i + 1] - arguments[1]) < 8"
            + "      && Math.abs(d[i + 2] - arguments[2]) < 8 && d[i + 3] > 200) { n++; } }"
            + "return n;", r, g, b);
    return ((Number) n).longValue();
  }

  @Test
  void aModeratorAnswersAQueuedQuestionAndItIsPublished() throws IOException {
    signIn(Harness.MODERATOR);
    assertTrue(browser.getTitle().startsWith("Unanswered"), browser.getTitle());
    // keyboard first: the skip link is the first thing Tab reaches
    browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
    assertEquals("Skip to content", browser.switchTo().activeElement().getText());

    long id = h.core.admin().openQueue(0, 1).get(0).id();
    WebElement item = browser.findElement(By.id("q" + id));
    assertTrue(item.getText().contains("parrot"), item.getText());
    WebElement answer = item.findElement(By.cssSelector("textarea[name=answer]"));
    // the label names the field for screen readers
    assertEquals("Answer to Q" + id, browser.findElement(
        By.cssSelector("label[for='" + answer.getAttribute("id") + "']")).getText());
    answer.sendKeys("Parrots copy tunes they hear often; reversing one is very unusual.");
    screenshot("unanswered");
    item.findElement(By.cssSelector("form.answer button")).click();
    // the core's preview, with its Publish button, as in chat
    WebElement publish = wait.until(ExpectedConditions.elementToBeClickable(
        By.cssSelector(".flash form.offer button[value='0']")));
    assertEquals("Publish", publish.getText());
    assertTrue(browser.findElement(By.cssSelector(".flash")).getText()
        .contains("Nothing is published yet"));
    screenshot("unanswered-preview");
    publish.click();
    WebElement flash = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//div[@class='flash'][contains(., 'Published #')]")));
    Matcher m = Pattern.compile("Published #([0-9]+)").matcher(flash.getText());
    assertTrue(m.find(), flash.getText());
    assertTrue(browser.findElements(By.id("q" + id)).isEmpty(), "the question left the queue");
    screenshot("unanswered-answered");

    long entryId = Long.parseLong(m.group(1));
    assertEquals(Entry.Status.PUBLISHED, h.kb.get(entryId).orElseThrow().status());
    browser.get(h.base() + "/entries/" + entryId);
    String page = browser.findElement(By.id("main")).getText();
    assertTrue(page.contains("published"), page);
    assertTrue(page.contains("reversing one is very unusual"), page);
  }

  @Test
  void aUsedLinkShowsAnErrorAndNoData() {
    String link = h.link(Harness.ADMIN);
    browser.get(link);
    browser.findElement(By.id("signin")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header nav")));
    browser.manage().deleteAllCookies();
    browser.get(link);
    browser.findElement(By.id("signin")).click();
    // the click navigates: reading main at once may find the page being left (stale element)
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
        "This link does not work"));
    browser.get(h.base() + "/logs");
    assertTrue(browser.findElement(By.tagName("main")).getText().contains("Please sign in"));
  }
}
