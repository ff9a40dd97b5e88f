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
 * Deploys every {@code .bpmn} of the bpmn folder (or the copies in the jar when there is no folder) at start-up.
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

    @Override
    public void afterPropertiesSet() throws IOException {
        DeploymentBuilder deployment = repository.createDeployment().name("seatflow").source("seatflow")
                .enableDuplicateFiltering(true);
        if (Files.isDirectory(folder)) {
            List<Path> files;
            try (Stream<Path> listing = Files.list(folder)) {
                files = listing.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
            }
            for (Path file : files) {
                deployment.addString(file.getFileName().toString(), Files.readString(file));
            }
            log.info("Deploying {} from {}", files, folder.toAbsolutePath());
        } else {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:bpmn/*.bpmn")) {
                deployment.addString(resource.getFilename(), resource.getContentAsString(StandardCharsets.UTF_8));
            }
            log.info("Deploying the processes shipped in the jar");
        }
        deployment.deploy();
    }
}
