package com.seatflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/** One top-level package per module; each reaches the others only through their top-level (API) types. */
class ModularityTests {

    static final ApplicationModules modules = ApplicationModules.of(SeatflowApplication.class);

    @Test
    void theModulesDependOnEachOtherOnlyThroughTheirApisAndWithoutCycles() {
        modules.verify();
    }

    @Test
    void theSharedPlatformModuleIsOpenAndDependsOnNoBusinessModule() {
        ApplicationModule platform = modules.getModuleByName("platform").orElseThrow();

        assertThat(platform.isOpen()).isTrue();
        assertThat(platform.getDirectDependencies(modules).uniqueModules()).extracting(ApplicationModule::getName)
                .isEmpty();
    }

    @Test
    void theModulesAreTheTopLevelPackages() {
        assertThat(modules.stream().map(ApplicationModule::getName)).contains("platform", "organisation", "licensing",
                "rules", "imports", "invitation", "notification", "workflow", "ingest", "cli");
    }

    @Test
    void nothingOutsideTheDropFolderAndCommandLineModulesDependsOnThem() {
        modules.stream().filter(m -> !m.getName().equals("ingest") && !m.getName().equals("cli"))
                .forEach(m -> assertThat(m.getDirectDependencies(modules).uniqueModules())
                        .as("module %s depends on", m.getName()).extracting(ApplicationModule::getName)
                        .doesNotContain("ingest", "cli", "demo"));
    }
}
