package org.ecifhub.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.ecifhub.support.demo.ChineseIds;
import org.ecifhub.support.hub.HubServices;
import org.ecifhub.support.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations console in a real headless Chromium against the whole hub: the page loads with an operator's token,
 * a change posted to a feed appears in its live stream, a lookup shows the customer's unified view (masked), and a
 * running import shows up with its progress bar.
 */
class OperationsConsoleBrowserTest {

    static TestInfrastructure infra;
    static HubServices hub;
    static Http system;
    static HeadlessChromium browser;

    @BeforeAll
    static void startHubAndBrowser() throws Exception {
        infra = TestInfrastructure.get();
        hub = SystemHub.start(infra);
        system = new Http(hub.url(HubServices.GATEWAY), hub.token("core-banking", "SYSTEM"));
        browser = HeadlessChromium.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (hub != null) {
            hub.stopAll();
        }
    }

    @AfterEach
    void screenshot() throws Exception {
        // For a person looking at a failure (or the page): target/console.png.
        browser.screenshot(Path.of("target", "console.png"));
    }

    static String depositRecord(String sourceId, String name, String idNumber, double balance) {
        return ("{\"source\": \"DEPOSIT\", \"sourceCustomerId\": \"%s\", \"asOf\": \"2026-11-21T23:00:00+08:00\", "
                + "\"branchCode\": \"CON001\", \"party\": {\"type\": \"PERSON\", \"name\": \"%s\", "
                + "\"idType\": \"RESIDENT_ID\", \"idNumber\": \"%s\", \"phone\": \"13812345678\"}, "
                + "\"accounts\": [{\"accountId\": \"A%s\", \"productType\": \"DEMAND_DEPOSIT\", \"currency\": \"CNY\", "
                + "\"balance\": %s}]}").formatted(sourceId, name, idNumber, sourceId, balance);
    }

    static String validId(String first17) {
        return first17 + ChineseIds.residentIdCheckChar(first17);
    }

    @Test
    void theConsoleShowsTheLiveStreamALookupAndTheImports() {
        String operator = hub.token("ops-console", "OPS", "STEWARD");
        browser.navigate(hub.url(HubServices.GATEWAY) + "/console/#token=" + operator);

        assertThat(browser.evaluate("document.title").asText()).contains("operations console");
        assertThat(browser.evaluate("location.hash").asText()).as("the token leaves the address bar").isEmpty();
        browser.await("the change stream to connect",
                "document.querySelector('#stream-status').dataset.state === 'open'", Duration.ofSeconds(20));
        browser.await("the stewardship queue and the imports to load",
                "document.querySelector('#stewardship').dataset.state === 'loaded'"
                        + " && document.querySelector('#imports').dataset.state === 'loaded'", Duration.ofSeconds(20));
        assertThat(browser.evaluate("document.querySelector('#who').textContent").asText())
                .contains("ops-console").contains("OPS").contains("STEWARD");

        // A change posted to a feed appears in the stream.
        String idNumber = validId("43138119880808003");
        Http.Response posted = system.post("/api/v1/feeds/DEPOSIT/records", "application/json",
                "[" + depositRecord("CON-1", "控制台客户", idNumber, 12345.67) + "]");
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        String customer = posted.json().path("results").path(0).path("customerNumber").asText();
        String row = "#stream-rows tr[data-event-type=\"CustomerCreated\"][data-customer=\"" + customer + "\"]";
        browser.await("CustomerCreated of " + customer + " in the stream",
                "!!document.querySelector('" + row + "')", Duration.ofSeconds(30));
        assertThat(browser.evaluate("document.querySelector('" + row + "').textContent").asText())
                .contains("控制台客户").contains("CON001");

        // Clicking the customer in the stream looks the customer up: the unified view, personal data masked.
        browser.evaluate("document.querySelector('" + row + " a.customer').click()");
        browser.await("the view of " + customer,
                "document.querySelector('#view').dataset.state === 'shown'"
                        + " && document.querySelector('#view').dataset.customer === '" + customer + "'",
                Duration.ofSeconds(20));
        JsonNode view = browser.evaluate("""
                (() => { const v = document.querySelector('#view');
                  const f = (name) => (v.querySelector('[data-field="' + name + '"]') || {}).textContent || '';
                  return { name: f('name'), id: f('id'), phone: f('phone'), branch: f('branch'),
                           holdings: v.querySelector('[data-section="customer"]').textContent }; })()""");
        assertThat(view.path("name").asText()).isEqualTo("控制台客户");
        assertThat(view.path("branch").asText()).isEqualTo("CON001");
        assertThat(view.path("id").asText()).as("masked for OPS").contains("*").doesNotContain(idNumber);
        assertThat(view.path("phone").asText()).isEqualTo("138****5678");
        assertThat(view.path("holdings").asText()).contains("ACON-1").contains("12,345.67");

        // The same through the lookup form, and the score and owners sections arrive once the customer is scored.
        browser.evaluate("document.querySelector('#view').dataset.state = 'stale'");
        browser.evaluate("document.querySelector('#lookup-input').value = '" + customer + "';"
                + "document.querySelector('#lookup-form').requestSubmit()");
        browser.await("the looked-up view", "document.querySelector('#view').dataset.state === 'shown'",
                Duration.ofSeconds(20));
        assertThat(browser.evaluate("document.querySelector('[data-field=\"viewCustomerNumber\"]').textContent").asText())
                .isEqualTo(customer);

        // A running import appears with its progress bar, which is full once it completes.
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            file.append(depositRecord("CON-IMP-" + i, "导入客户" + i, validId("4313811990" + String.format("%02d", 1 + i % 12)
                    + String.format("%02d", 10 + i % 18) + String.format("%03d", i)), 100 + i)).append('\n');
        }
        Http.Response job = system.post("/api/v1/feeds/DEPOSIT/imports", "application/x-ndjson", file.toString());
        assertThat(job.status()).as(job.body()).isEqualTo(202);
        String jobId = job.json().path("id").asText();
        String bar = "#imports [data-job=\"" + jobId + "\"][data-job-state=\"COMPLETED\"] progress";
        browser.await("import " + jobId + " completed with a full progress bar",
                "(() => { const p = document.querySelector('" + bar + "'); return !!p && p.value === p.max && p.max >= 50; })()",
                Duration.ofSeconds(60));

        assertThat(browser.pageErrors()).as("errors in the page").isEmpty();
    }
}
