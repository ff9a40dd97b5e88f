package com.seatflow.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys every {@code .bpmn} of the bpmn folder with the {@code .html} task forms beside it (or the copies in the jar
 * when there is no folder) at start-up.
 * Duplicate filtering makes an unchanged process a no-op and a changed one a new version.
 */
@Component
class BpmnDeployer implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(BpmnDeployer.class);

    private final RepositoryService repository;
    private final Path folder;

    BpmnDeployer(RepositoryService repository, @Value("${seatflow.bpmn-dir:bpmn}") Path folder) {
        this.repository = repository;
        this.folder = folder;
    }

    /** The processes, and the embedded task forms they name ({@code embedded:deployment:<name>.html}). */
    private static boolean isDeployed(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".bpmn") || name.endsWith(".html");
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        DeploymentBuilder deployment = repository.createDeployment().name("seatflow").source("seatflow")
                .enableDuplicateFiltering(true);
        if (Files.isDirectory(folder)) {
            List<Path> files;
            try (Stream<Path> listing = Files.list(folder)) {
                files = listing.filter(BpmnDeployer::isDeployed).sorted().toList();
            }
            for (Path file : files) {
                deployment.addString(file.getFileName().toString(), Files.readString(file));
            }
            log.info("Deploying {} from {}", files, folder.toAbsolutePath());
        } else {
            var resolver = new PathMatchingResourcePatternResolver();
            for (String pattern : List.of("classpath*:bpmn/*.bpmn", "classpath*:bpmn/*.html")) {
                for (Resource resource : resolver.getResources(pattern)) {
                    deployment.addString(resource.getFilename(), resource.getContentAsString(StandardCharsets.UTF_8));
                }
            }
            log.info("Deploying the processes shipped in the jar");
        }
        deployment.deploy();
    }
}
