package com.seatflow.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.kie.api.KieBase;
import org.kie.api.builder.Message;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.ReleaseId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Loads every {@code .drl} in the rules folder (or, when the folder is absent, the copies shipped in the jar) into one
 * KieBase. The folder is watched: a changed file is compiled into a new KieBase which replaces the current one only
 * if it compiles without errors; a broken file is refused with the compiler's message and the last good rules stay.
 */
@Component
public class RuleBook {

    private static final Logger log = LoggerFactory.getLogger(RuleBook.class);

    private final Path folder;
    private final Clock clock;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final AtomicInteger generation = new AtomicInteger();
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Map<String, String> lastSeenSources = Map.of();

    private record Loaded(KieBase kieBase, String source, List<String> files, Instant loadedAt) {
    }

    RuleBook(@Value("${seatflow.rules.dir:rules}") Path folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
        Map<String, String> sources = readSources();
        String problem = compileAndSwap(sources);
        if (problem != null) {
            throw new IllegalStateException("The rules in " + describeSource() + " do not compile:\n" + problem);
        }
    }

    public KieBase kieBase() {
        return current.get().kieBase();
    }

    public RuleBookStatus status() {
        Loaded loaded = current.get();
        return new RuleBookStatus(loaded.source(), loaded.files(), loaded.loadedAt(), lastError, lastErrorAt);
    }

    /** Recompiles if any rule file changed; returns the compiler's message if the change was refused. */
    @Scheduled(fixedDelayString = "${seatflow.rules.reload-interval-ms:5000}",
            initialDelayString = "${seatflow.rules.reload-interval-ms:5000}")
    public synchronized String reloadIfChanged() {
        Map<String, String> sources = readSources();
        if (sources.equals(lastSeenSources)) {
            return null;
        }
        return compileAndSwap(sources);
    }

    private String compileAndSwap(Map<String, String> sources) {
        lastSeenSources = sources;
        if (sources.isEmpty()) {
            return refuse("no .drl file found in " + describeSource());
        }
        KieServices kie = KieServices.Factory.get();
        KieFileSystem files = kie.newKieFileSystem();
        ReleaseId releaseId = kie.newReleaseId("com.seatflow", "rules", "1." + generation.incrementAndGet());
        files.generateAndWritePomXML(releaseId);
        sources.forEach((name, drl) -> files.write("src/main/resources/rules/" + name, drl));
        KieBuilder builder = kie.newKieBuilder(files).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            return refuse(errors.stream().map(m -> m.getPath() + " line " + m.getLine() + ": " + m.getText())
                    .collect(Collectors.joining("\n")));
        }
        KieBase kieBase = kie.newKieContainer(releaseId).getKieBase();
        current.set(new Loaded(kieBase, describeSource(), List.copyOf(sources.keySet()), Instant.now(clock)));
        lastError = null;
        lastErrorAt = null;
        log.info("Rules loaded from {}: {}", describeSource(), sources.keySet());
        return null;
    }

    private String refuse(String message) {
        lastError = message;
        lastErrorAt = Instant.now(clock);
        log.error("Rule change refused, the last good rules keep deciding: {}", message);
        return message;
    }

    private String describeSource() {
        return Files.isDirectory(folder) ? folder.toAbsolutePath().normalize().toString() : "classpath:rules/";
    }

    private Map<String, String> readSources() {
        Map<String, String> sources = new TreeMap<>();
        try {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".drl")).sorted().toList()) {
                        sources.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
                    }
                }
            } else {
                for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:rules/*.drl")) {
                    sources.put(resource.getFilename(), resource.getContentAsString(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rules from " + describeSource(), e);
        }
        return sources;
    }

    List<Object> execute(List<?> facts) {
        List<Object> all = new ArrayList<>(facts);
        kieBase().newStatelessKieSession().execute(all);
        return all;
    }
}
