package io.cloudledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudledger.core.cost.CostWindow;
import io.cloudledger.sandbox.SandboxOptions;
import io.cloudledger.sandbox.estate.DailyCost;
import io.cloudledger.sandbox.estate.Estate;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sync --kinds cost} and {@code cost report} against the sandbox's Cost Explorer, into the
 * persistent DynamoDB Local of one temporary home, as a user types them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CostCommandTest {
  @TempDir static Path home;

  /** The estate {@code sync --sandbox} starts: 3 AWS accounts, 2 subscriptions, 3 projects. */
  static final Estate ESTATE =
      Estate.generate(
          SandboxOptions.defaults().withGcpProjects(SandboxOptions.DEFAULT_ACCOUNTS).estateSpec(),
          SandboxEstate.AZURE_SUBSCRIPTIONS);

  static CostWindow window() {
    return CostWindow.lastDays(Clock.systemUTC(), 30);
  }

  static List<DailyCost> aws() {
    return ESTATE.costs().costs(window().start(), window().end());
  }

  static List<DailyCost> azure() {
    return ESTATE.azureCosts().costs(window().start(), window().end());
  }

  static List<DailyCost> gcp() {
    return ESTATE.gcpCosts().costs(window().start(), window().end());
  }

  /** Every generated cost of the three clouds for the last 30 days, keyed as stored. */
  static Map<String, BigDecimal> generated() {
    Map<String, BigDecimal> all = new java.util.TreeMap<>();
    aws()
        .forEach(
            c -> all.put("aws#" + c.accountId() + "|" + c.date() + "|" + c.service(), c.amount()));
    azure()
        .forEach(
            c ->
                all.put("azure#" + c.accountId() + "|" + c.date() + "|" + c.service(), c.amount()));
    gcp()
        .forEach(
            c -> all.put("gcp#" + c.accountId() + "|" + c.date() + "|" + c.service(), c.amount()));
    return all;
  }

  static String accountOf(String key) {
    return key.substring(0, key.indexOf('|'));
  }

  static JsonNode json(CliRunner.Result result) throws Exception {
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.OK);
    return TablePrinter.JSON.readTree(result.stdout());
  }

  @Test
  @Order(1)
  void syncCost_storesEveryGeneratedRow_withOneRequestPerPage() throws Exception {
    JsonNode cost =
        json(new CliRunner(home).run("sync", "--sandbox", "--kinds", "cost", "--output", "json"))
            .get("cost");
    int rows = generated().size();
    assertThat(cost.get("rows").asInt()).isEqualTo(rows);
    assertThat(cost.get("written").asInt()).isEqualTo(rows);
    // The AWS payer, each Azure subscription, the one GCP billing export.
    assertThat(cost.get("sources").asInt()).isEqualTo(1 + 2 + 1);
    assertThat(cost.get("accounts").asInt()).isEqualTo(3 + 2 + 3);
    long azurePages =
        ESTATE.azure().subscriptions().stream()
            .mapToLong(
                s ->
                    (ESTATE
                                .azureCosts()
                                .costs(
                                    window().start(), window().end(), List.of(s.subscriptionId()))
                                .size()
                            + 99)
                        / 100)
            .sum();
    assertThat(cost.get("requests").asLong())
        .isEqualTo((aws().size() + 99) / 100 + azurePages + (gcp().size() + 999) / 1000);
  }

  @Test
  @Order(2)
  void syncCost_again_writesNothing() throws Exception {
    JsonNode cost =
        json(new CliRunner(home).run("sync", "--sandbox", "--kinds", "cost", "--output", "json"))
            .get("cost");
    assertThat(cost.get("written").asInt()).isZero();
    assertThat(cost.get("unchanged").asInt()).isEqualTo(generated().size());
  }

  @Test
  @Order(3)
  void reportJson_totalsEqualTheGeneratedCostsExactly() throws Exception {
    JsonNode report =
        json(new CliRunner(home).run("cost", "report", "--by", "account", "--output", "json"));
    BigDecimal expected = generated().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    JsonNode usd = report.get("currencies").get(0);
    assertThat(usd.get("currency").asText()).isEqualTo("USD");
    assertThat(new BigDecimal(usd.get("total").asText())).isEqualByComparingTo(expected);
    Map<String, BigDecimal> perAccount =
        generated().entrySet().stream()
            .collect(
                Collectors.groupingBy(
                    e -> accountOf(e.getKey()),
                    Collectors.reducing(BigDecimal.ZERO, Map.Entry::getValue, BigDecimal::add)));
    assertThat(usd.get("groups")).hasSize(8);
    for (JsonNode group : usd.get("groups")) {
      assertThat(new BigDecimal(group.get("total").asText()))
          .isEqualByComparingTo(perAccount.get(group.get("name").asText()));
    }
    assertThat(usd.get("perDay")).hasSize(30);
    assertThat(usd.get("topServices").get(0).get("name").asText())
        .isEqualTo("Amazon Elastic Compute Cloud - Compute");
    assertThat(usd.get("dayOverDay").get("date").asText()).isEqualTo(report.get("to").asText());
  }

  @Test
  @Order(3)
  void reportJson_byProvider_totalsEachCloudExactly() throws Exception {
    JsonNode usd =
        json(new CliRunner(home).run("cost", "report", "--by", "provider", "--output", "json"))
            .get("currencies")
            .get(0);
    Map<String, BigDecimal> perProvider =
        generated().entrySet().stream()
            .collect(
                Collectors.groupingBy(
                    e -> e.getKey().substring(0, e.getKey().indexOf('#')),
                    Collectors.reducing(BigDecimal.ZERO, Map.Entry::getValue, BigDecimal::add)));
    assertThat(usd.get("groups")).hasSize(3);
    for (JsonNode group : usd.get("groups")) {
      assertThat(new BigDecimal(group.get("total").asText()))
          .as(group.get("name").asText())
          .isEqualByComparingTo(perProvider.get(group.get("name").asText()));
    }
  }

  @Test
  @Order(4)
  void reportTable_printsTotalAndDayOverDay() {
    CliRunner.Result result = new CliRunner(home).run("cost", "report", "--days", "7");
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.OK);
    assertThat(result.stdout())
        .contains("(7 days), by service")
        .contains("Total: ")
        .contains("Day over day: ")
        .contains("Amazon Elastic Compute Cloud - Compute");
  }

  @Test
  @Order(5)
  void reportCsv_hasOneLinePerDayAndGroup() {
    CliRunner.Result result =
        new CliRunner(home).run("cost", "report", "--by", "provider", "--output", "csv");
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.OK);
    List<String> lines = result.stdout().lines().toList();
    assertThat(lines.get(0)).isEqualTo("date,group,amount,currency");
    // Every day has one line per provider.
    assertThat(lines).hasSize(1 + 30 * 3);
    for (String provider : List.of("aws", "azure", "gcp")) {
      assertThat(lines).filteredOn(l -> l.contains("," + provider + ",")).hasSize(30);
    }
  }

  @Test
  @Order(6)
  void reportHtml_isOneSelfContainedPageWithCharts() throws Exception {
    CliRunner.Result result =
        new CliRunner(home)
            .run("cost", "report", "--by", "account", "--output", "html", "--out", "report.html");
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.OK);
    String html = Files.readString(home.resolve("report.html"));
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("<rect");
    // Offline: nothing is loaded from anywhere (the only URL is SVG's namespace name).
    assertThat(html.replace("http://www.w3.org/2000/svg", ""))
        .doesNotContain("http:")
        .doesNotContain("https:")
        .doesNotContain("<script")
        .doesNotContain("src=");
  }

  @Test
  @Order(7)
  void reportHtml_rendersInHeadlessChromium() throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    assumeTrue(
        Files.isExecutable(chromium),
        "chromium is not installed (apt-get install -y chromium); skipping the rendering check");
    Path page = home.resolve("report.html");
    Path png = home.resolve("report.png");
    Process process =
        new ProcessBuilder(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--window-size=1040,1500",
                "--screenshot=" + png,
                page.toUri().toString())
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("chromium.log").toFile())
            .start();
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    assertThat(png).exists();
    // A blank page compresses to a few KB; charts, labels and tables make it much larger.
    assertThat(Files.size(png)).isGreaterThan(30_000);
  }

  @Test
  void report_whenDaysOutOfRange_isAUsageError(@TempDir Path empty) {
    CliRunner.Result result = new CliRunner(empty).run("cost", "report", "--days", "0");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.stderr()).contains("--days");
  }
}
