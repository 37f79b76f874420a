package io.ssehub.support;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.WebDriver;

import java.util.concurrent.TimeUnit;

/**
 * A test with a headless Chromium ({@link HeadlessChromium}: skipped when absent outside CI) and a Vert.x instance
 * for the hubs it starts; both are closed after each test.
 */
public abstract class BrowserTest {

  protected Vertx vertx;
  protected WebDriver browser;
  private HeadlessChromium chromium;

  @BeforeEach
  void startBrowser() throws Exception {
    chromium = HeadlessChromium.start();
    browser = chromium.driver();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void closeBrowser() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
