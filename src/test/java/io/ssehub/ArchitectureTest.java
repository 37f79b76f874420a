package io.ssehub;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The structure docs/architecture.md describes, kept by the build: no package cycle, each package uses only the
 * layers below it, and Vert.x internals are reached from two small classes only (the connection's pipeline, and the
 * stream writer that writes below the HTTP encoder).
 */
class ArchitectureTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.ssehub");

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("io.ssehub.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void eachLayerUsesOnlyTheLayersBelowIt() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("entry").definedBy("io.ssehub")
        .layer("bench").definedBy("io.ssehub.bench..")
        .layer("http").definedBy("io.ssehub.http..")
        .layer("mercure").definedBy("io.ssehub.mercure..")
        .layer("sse").definedBy("io.ssehub.sse..")
        .layer("publish").definedBy("io.ssehub.publish..")
        .layer("cluster").definedBy("io.ssehub.cluster..")
        .layer("history").definedBy("io.ssehub.history..")
        .layer("auth").definedBy("io.ssehub.auth..")
        .layer("metrics").definedBy("io.ssehub.metrics..")
        .layer("config").definedBy("io.ssehub.config..")
        .layer("event").definedBy("io.ssehub.event..")
        .layer("web").definedBy("io.ssehub.web..")
        .layer("text").definedBy("io.ssehub.text..")
        .whereLayer("bench").mayOnlyBeAccessedByLayers("entry")
        .whereLayer("http").mayOnlyBeAccessedByLayers("entry")
        .whereLayer("mercure").mayOnlyBeAccessedByLayers("entry", "http")
        .whereLayer("sse").mayOnlyBeAccessedByLayers("entry", "http", "mercure")
        .whereLayer("publish").mayOnlyBeAccessedByLayers("entry", "http", "mercure")
        .whereLayer("cluster").mayOnlyBeAccessedByLayers("entry", "http", "publish")
        .whereLayer("history").mayOnlyBeAccessedByLayers("entry", "http", "sse", "publish")
        .whereLayer("auth").mayOnlyBeAccessedByLayers("entry", "http", "mercure")
        .whereLayer("metrics").mayOnlyBeAccessedByLayers("entry", "http", "sse", "publish", "mercure")
        .whereLayer("config").mayOnlyBeAccessedByLayers("entry", "http", "sse", "publish", "cluster", "history",
            "auth", "metrics", "mercure")
        .whereLayer("event").mayOnlyBeAccessedByLayers("entry", "http", "sse", "publish", "history", "auth",
            "config", "mercure")
        .whereLayer("web").mayOnlyBeAccessedByLayers("entry", "http", "sse", "mercure")
        .check(CLASSES);
  }

  @Test
  void vertxInternalsAreReachedFromTwoClassesOnly() {
    noClasses().that().doNotHaveFullyQualifiedName("io.ssehub.http.ConnectionPipeline")
        .and().doNotHaveFullyQualifiedName("io.ssehub.sse.ChannelWriter")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..impl..", "io.vertx.core.internal..")
        .because("Vert.x internals change without notice: two small classes hold every use, each with its reasons"
            + " and a test that fails if it stops working")
        .check(CLASSES);
  }
}
