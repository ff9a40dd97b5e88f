package com.seatflow.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.seatflow.organisation.GroupManagement;
import com.seatflow.organisation.LearnerGroup;
import com.seatflow.organisation.OrgRoles;
import com.seatflow.organisation.Organisation;
import com.seatflow.organisation.OrganisationManagement;
import com.seatflow.platform.ConflictException;
import com.seatflow.platform.NotFoundException;
import com.seatflow.rules.ImportPolicy;
import com.seatflow.rules.ImportReviewRequest;

/**
 * The imports module's entry point: hand in a file, follow it, review it, cancel it. The steps themselves are driven
 * by the bulk-import process ({@link ImportWorkflow}) and run as Spring Batch jobs.
 */
@Service
public class ImportManagement {

    private static final Logger log = LoggerFactory.getLogger(ImportManagement.class);
    private static final int MAX_FILE_NAME = 255;
    /** Camunda's task names hold 255 characters; the process puts "Review import " before the title. */
    private static final int REVIEW_TITLE_LENGTH = 255 - "Review import ".length();
    static final int MAX_COMMENT = 1000;

    private final Imports imports;
    private final ImportFormats formats;
    private final OrganisationManagement organisations;
    private final GroupManagement groups;
    private final ImportPolicy importPolicy;
    private final ImportWorkflow workflow;
    private final ImportJobLauncher launcher;
    private final StagedRowChecks checks;
    private final ImportTargets targets;
    private final ImportSettings settings;
    private final InterruptedJobs jobs;
    private final ImportRunLease lease;
    private final TransactionTemplate transaction;

    ImportManagement(Imports imports, ImportFormats formats, OrganisationManagement organisations,
            GroupManagement groups, ImportPolicy importPolicy, ImportWorkflow workflow, ImportJobLauncher launcher,
            StagedRowChecks checks, ImportTargets targets, ImportSettings settings, InterruptedJobs jobs,
            ImportRunLease lease, PlatformTransactionManager transactionManager) {
        this.jobs = jobs;
        this.lease = lease;
        this.transaction = new TransactionTemplate(transactionManager);
        this.imports = imports;
        this.formats = formats;
        this.organisations = organisations;
        this.groups = groups;
        this.importPolicy = importPolicy;
        this.workflow = workflow;
        this.launcher = launcher;
        this.checks = checks;
        this.targets = targets;
        this.settings = settings;
    }

    /**
     * Stores the file, records it and starts its bulk-import process. A file whose content (checksum) matches a live
     * or completed import of the same organisation, format and group is recorded as a DUPLICATE of it and goes no
     * further (the same list of learners may go into two groups).
     */
    @Transactional
    public ImportJob submit(ImportSubmission submission) {
        Organisation org = organisations.require(submission.orgCode());
        ImportFormat format = formats.requireNamed(submission.format());
        Long groupId = groupOf(org, format, submission.groupCode());
        String programmeScope = programmeScopeOf(format, submission.programmeScope());
        Path file = store(submission.content());
        String checksum = checksumOf(file);
        organisations.lock(org.id());
        var earlier = imports.liveWithChecksum(org.id(), format.name(), groupId, checksum);
        long id = imports.insert(org.id(), groupId, format.name(), submission.source(), fileName(submission.fileName()),
                file.toString(), submission.uploadedBy(), checksum,
                earlier.isPresent() ? ImportStatus.DUPLICATE : ImportStatus.RECEIVED,
                earlier.map(ImportJob::id).orElse(null));
        Path stored = moveInto(file, id);
        imports.setStoredPath(id, stored.toString());
        if (programmeScope != null) {
            imports.setProgrammeScope(id, programmeScope);
        }
        if (earlier.isPresent()) {
            // never validated, so this is the only place its uploaded passwords leave the stored copy
            UploadedPasswords.blank(stored, format);
            imports.setStatus(id, ImportStatus.DUPLICATE, "The same file was uploaded before: it is import #"
                    + earlier.get().id() + " (" + earlier.get().status() + "); this copy is not applied");
            return imports.require(id);
        }
        String reviewers = reviewGroups(org, format, submission.programmeScope());
        if (groupId != null) {
            reviewers += "," + groups.tasklistGroupOfAdmins(groupId);
        }
        String processInstance = workflow.start(id, reviewers);
        imports.setProcessInstance(id, processInstance);
        log.info("Import {} of {} ({}, {} format) received from {}", id, org.code(), submission.fileName(),
                format.name(), submission.source());
        return imports.require(id);
    }

    /**
     * Who is offered the review task (a group's file is also offered to that group's administrators, see submit). A
     * programme learner admin's upload of one programme is also offered to that programme's learner admins; an upload
     * scoped to several programmes is not offered to any of their learner admin groups, since one of them may
     * administer only some of those programmes (its uploader reviews it through the API). The import-policy rules may
     * give the task to support alone once the file is validated (reviewFacts).
     */
    private static String reviewGroups(Organisation org, ImportFormat format, Set<String> programmeScope) {
        String reviewers = OrgRoles.adminGroup(org.code()) + "," + OrgRoles.SUPPORT;
        if ("programme".equals(format.name())) {
            reviewers += "," + OrgRoles.learningManagers(org.code());
        }
        if (programmeScope != null && programmeScope.size() == 1) {
            reviewers += "," + OrgRoles.programmeLearnerAdmins(org.code(), programmeScope.iterator().next());
        }
        return reviewers;
    }

    private static String programmeScopeOf(ImportFormat format, Set<String> programmeScope) {
        if (programmeScope == null) {
            return null;
        }
        if (!"programme".equals(format.name())) {
            throw new IllegalArgumentException("Only programme files can be limited to some programmes, not "
                    + format.name() + " files");
        }
        if (programmeScope.isEmpty()) {
            throw new IllegalArgumentException("A file limited to some programmes needs at least one programme");
        }
        return String.join(",", new java.util.TreeSet<>(programmeScope));
    }

    /** The name the file had, as far as it fits (it is only shown, never used as a path). */
    private static String fileName(String name) {
        String shown = name == null || name.isBlank() ? "upload.csv" : name.strip();
        return shown.length() <= MAX_FILE_NAME ? shown : shown.substring(0, MAX_FILE_NAME - 1) + "…";
    }

    private Long groupOf(Organisation org, ImportFormat format, String groupCode) {
        if (!format.needsGroup()) {
            if (groupCode != null && !groupCode.isBlank()) {
                throw new IllegalArgumentException("The " + format.name() + " format does not take a group");
            }
            return null;
        }
        if (groupCode == null || groupCode.isBlank()) {
            throw new IllegalArgumentException("The " + format.name() + " format needs a group: name one");
        }
        return organisations.findGroup(org.id(), groupCode).map(LearnerGroup::id)
                .orElseThrow(() -> new NotFoundException("Organisation " + org.code() + " has no group '" + groupCode + "'"));
    }

    public ImportJob find(String orgCode, long importId) {
        ImportJob job = imports.require(importId);
        if (!job.orgCode().equals(orgCode)) {
            throw new NotFoundException("Organisation " + orgCode + " has no import " + importId);
        }
        return job;
    }

    public List<ImportJob> list(String orgCode) {
        return imports.ofOrg(organisations.require(orgCode).id());
    }

    public List<ImportError> errors(String orgCode, long importId, int limit) {
        return imports.errors(find(orgCode, importId).id(), limit);
    }

    public void forEachError(String orgCode, long importId, java.util.function.Consumer<ImportError> action) {
        imports.forEachError(find(orgCode, importId).id(), action);
    }

    public Path storedFile(String orgCode, long importId) {
        return Path.of(find(orgCode, importId).storedPath());
    }

    public ImportFormat formatOf(ImportJob job) {
        return formats.require(job.format());
    }

    /** Approves or rejects an import awaiting review (the API's way; the Tasklist completes the same task). */
    @Transactional
    public ImportJob decide(String orgCode, long importId, boolean approve, String reviewer, String comment) {
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw new IllegalArgumentException("The comment is " + comment.length() + " characters long; at most "
                    + MAX_COMMENT + " are allowed");
        }
        ImportJob job = find(orgCode, importId);
        if (job.status() != ImportStatus.AWAITING_REVIEW) {
            throw new ConflictException("Import " + importId + " is " + job.status() + ", not awaiting review");
        }
        workflow.decide(importId, approve, reviewer, comment);
        return imports.require(importId);
    }

    @Transactional
    public ImportJob cancel(String orgCode, long importId, String user) {
        ImportJob job = find(orgCode, importId);
        organisations.lock(job.orgId());
        if (!imports.transition(importId, ImportStatus.CANCELABLE, ImportStatus.CANCELED, "Canceled by " + user)) {
            throw new ConflictException("Import " + importId + " is " + imports.require(importId).status()
                    + "; only an import awaiting review or queued can be canceled");
        }
        imports.deleteStaging(importId);
        workflow.cancel(importId);
        return imports.require(importId);
    }

    /** Restarts a commit that failed part-way; the job resumes after its last committed chunk. */
    @Transactional
    public ImportJob retryCommit(String orgCode, long importId) {
        ImportJob job = find(orgCode, importId);
        organisations.lock(job.orgId());
        if (!imports.transition(importId, Set.of(ImportStatus.COMMIT_FAILED), ImportStatus.COMMITTING, "Commit restarted")) {
            throw new ConflictException("Import " + importId + " is " + job.status() + "; only a failed commit can be retried");
        }
        startCommit(importId);
        return imports.require(importId);
    }

    // ---- steps driven by the bulk-import process ----

    @Transactional
    public void beginValidation(long importId) {
        imports.setStatus(importId, ImportStatus.VALIDATING, null);
        lease.claim(importId);
        launcher.validateAfterCommit(importId);
    }

    /** Starts the commit once the caller's transaction, which moved the import to COMMITTING, has committed. */
    private void startCommit(long importId) {
        lease.claim(importId);
        launcher.commitAfterCommit(importId);
    }

    @Transactional
    public void recordRejection(long importId, String reviewer, String comment) {
        imports.setReviewer(importId, reviewer);
        imports.transition(importId, Set.of(ImportStatus.AWAITING_REVIEW), ImportStatus.REJECTED,
                decision("Rejected", reviewer, comment));
        imports.deleteStaging(importId);
    }

    /** Approved: commit now, or queue behind another commit of the same organisation. */
    @Transactional
    public void requestCommit(long importId, String reviewer, String comment) {
        ImportJob job = imports.require(importId);
        imports.setReviewer(importId, reviewer);
        organisations.lock(job.orgId());
        String approved = decision("Approved", reviewer, comment);
        if (imports.anyInStatus(job.orgId(), ImportStatus.COMMITTING)) {
            imports.transition(importId, Set.of(ImportStatus.AWAITING_REVIEW), ImportStatus.QUEUED,
                    approved + "; waiting for another import of this organisation to finish");
        } else {
            imports.transition(importId, Set.of(ImportStatus.AWAITING_REVIEW), ImportStatus.COMMITTING, approved);
            startCommit(importId);
        }
    }

    /** The outcome message of a review: "Approved by ann" or "Rejected by ann: not now". */
    private static String decision(String verb, String reviewer, String comment) {
        return verb + " by " + reviewer + (comment == null || comment.isBlank() ? ""
                : ": " + ImportErrorValues.shorten(comment, MAX_COMMENT));
    }

    /**
     * Records how a job of this node ended. A run whose import another node took over (this node looked dead to it)
     * has no say any more: its import is the new owner's.
     */
    @EventListener
    @Transactional
    public void onJobEnded(ImportJobEnded ended) {
        ImportJob job = imports.find(ended.importId()).orElse(null);
        if (job == null) {
            return;
        }
        if (!lease.release(job.id())) {
            log.warn("{} of import {} ended {} on this node, but another node has taken the import over; its end is"
                    + " left to that node", ended.jobName(), job.id(), ended.status());
            return;
        }
        if (ImportJobConfiguration.VALIDATION_JOB.equals(ended.jobName())) {
            validationEnded(job, ended);
        } else {
            commitEnded(job, ended);
        }
    }

    private void validationEnded(ImportJob job, ImportJobEnded ended) {
        boolean valid = ended.status() == BatchStatus.COMPLETED && job.errorCount() == 0;
        if (ended.status() != BatchStatus.COMPLETED) {
            imports.setStatus(job.id(), ImportStatus.FAILED, "Validation failed: " + ended.failure());
        } else if (!valid) {
            imports.setStatus(job.id(), ImportStatus.REJECTED, job.errorCount() + " error(s) found; nothing was applied."
                    + " Fix the file and upload it again");
        } else {
            Optional<String> supportReview = importPolicy.supportReviewReason(new ImportReviewRequest(job.orgCode(),
                    job.format(), job.source(), job.newRows()));
            supportReview.ifPresent(reason -> imports.setSupportReview(job.id(), reason));
            imports.setStatus(job.id(), ImportStatus.AWAITING_REVIEW,
                    supportReview.map(reason -> "Provider support approves this import: " + reason).orElse(null));
        }
        if (!valid) {
            imports.deleteStaging(job.id());
        }
        UploadedPasswords.blank(Path.of(job.storedPath()), formats.require(job.format()));
        if (job.processInstanceId() != null) {
            workflow.validationFinished(job.id(), valid, reviewFacts(imports.require(job.id())));
        }
    }

    private Map<String, Object> reviewFacts(ImportJob job) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("reviewTitle", reviewTitle(job));
        facts.put("fileName", job.fileName());
        facts.put("rowCount", (long) job.totalRows());
        facts.put("newRows", (long) job.newRows());
        facts.put("unchangedRows", (long) job.unchangedRows());
        facts.put("errorCount", (long) job.errorCount());
        facts.put("seatSummary", job.seatSummary() == null ? "" : job.seatSummary());
        facts.put("preview", job.errorCount() > 0 ? ""
                : String.join("\n", checks.previewRows(targets.of(job.id()), settings.previewRows())));
        if (job.supportReview() == null) {
            facts.put("whoApproves", "The organisation's reviewers");
        } else {
            facts.put("whoApproves", "Provider support, since " + job.supportReview());
            facts.put("reviewGroups", OrgRoles.SUPPORT); // the task is created after this: offered to support alone
        }
        return facts;
    }

    /**
     * The Tasklist lists tasks by name: "Review import #12 learners.csv (acme)" tells one import from another. The
     * task's name holds 255 characters, so a long file name is shortened.
     */
    private static String reviewTitle(ImportJob job) {
        String number = "#" + job.id() + " ";
        String where = " (" + job.orgCode() + (job.groupCode() == null ? "" : ", group " + job.groupCode()) + ")";
        int room = REVIEW_TITLE_LENGTH - number.length() - where.length();
        String file = job.fileName().length() <= room ? job.fileName() : job.fileName().substring(0, room - 1) + "…";
        return number + file + where;
    }

    private void commitEnded(ImportJob job, ImportJobEnded ended) {
        if (ended.status() == BatchStatus.COMPLETED) {
            workflow.commitFinished(job.id());
        } else {
            imports.setStatus(job.id(), ImportStatus.COMMIT_FAILED, "Commit stopped after " + job.committedRows()
                    + " row(s): " + ended.failure() + ". Retry to resume where it stopped");
        }
        organisations.lock(job.orgId());
        if (!imports.anyInStatus(job.orgId(), ImportStatus.COMMITTING)) {
            imports.oldestInStatus(job.orgId(), ImportStatus.QUEUED).ifPresent(next -> {
                imports.transition(next, Set.of(ImportStatus.QUEUED), ImportStatus.COMMITTING, "Its turn came");
                startCommit(next);
            });
        }
    }

    // ---- after a crash ----

    /**
     * Finishes what a stopped node (this one before a restart, or another) left behind: imports whose job has had no
     * heartbeat for {@code seatflow.imports.stale-run-after}. Each is taken over atomically, so only one node finishes
     * it; imports whose node is alive are left alone. A commit that was running is marked failed in the job repository
     * and restarted, so it resumes after its last committed chunk; a validation that was running ends the import as
     * FAILED (upload the file again), since nothing of it was applied.
     *
     * @return the imports this node took over
     */
    public List<Long> recoverInterruptedImports() {
        List<Long> takenOver = new ArrayList<>();
        for (ImportRunLease.StaleRun run : lease.staleRuns()) {
            try {
                if (Boolean.TRUE.equals(transaction.execute(status -> takeOver(run)))) {
                    takenOver.add(run.importId());
                }
            } catch (RuntimeException e) {
                // the take-over rolled back with it, so the import stays stale and the next check tries again
                log.error("Could not take over import {}", run.importId(), e);
            }
        }
        return takenOver;
    }

    private boolean takeOver(ImportRunLease.StaleRun run) {
        if (!lease.takeOver(run)) {
            return false;
        }
        log.info("Import {} was left {} by {} (last sign of life {}); this node takes it over", run.importId(),
                run.status(), run.owner() == null ? "a stopped node" : run.owner(), run.lastHeartbeat());
        if (run.status() == ImportStatus.COMMITTING) {
            jobs.markInterrupted(ImportJobConfiguration.COMMIT_JOB, run.importId());
            launcher.commitAfterCommit(run.importId());
        } else {
            jobs.markInterrupted(ImportJobConfiguration.VALIDATION_JOB, run.importId());
            onJobEnded(new ImportJobEnded(ImportJobConfiguration.VALIDATION_JOB, run.importId(), BatchStatus.FAILED,
                    "interrupted: the node validating it stopped; upload the file again"));
        }
        return true;
    }

    // ---- command line dry run ----

    /** Validates a file and returns its report without changing anything: the import is removed afterwards. */
    public DryRunReport dryRun(String orgCode, String groupCode, String format, Path file) {
        Organisation org = organisations.require(orgCode);
        ImportFormat importFormat = formats.requireNamed(format);
        Long groupId = groupOf(org, importFormat, groupCode);
        long id;
        try (InputStream in = Files.newInputStream(file)) {
            Path stored = store(in);
            id = imports.insert(org.id(), groupId, format, "CLI", file.getFileName().toString(), stored.toString(),
                    "command-line", checksumOf(stored), ImportStatus.VALIDATING, null);
            lease.claim(id);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        try {
            launcher.validateNow(id);
            ImportJob job = imports.require(id);
            return new DryRunReport(job, imports.errors(id, Integer.MAX_VALUE));
        } finally {
            ImportJob job = imports.require(id);
            imports.deleteCompletely(id);
            deleteQuietly(Path.of(job.storedPath()));
        }
    }

    public record DryRunReport(ImportJob job, List<ImportError> errors) {
        public boolean valid() {
            return errors.isEmpty() && job.status() != ImportStatus.FAILED;
        }
    }

    // ---- file storage ----

    private Path store(InputStream content) {
        try {
            Files.createDirectories(settings.storageDir());
            Path file = Files.createTempFile(settings.storageDir(), "upload-", ".csv");
            try (OutputStream out = Files.newOutputStream(file)) {
                content.transferTo(out);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the uploaded file in " + settings.storageDir(), e);
        }
    }

    private Path moveInto(Path file, long importId) {
        try {
            return Files.move(file, settings.storageDir().resolve("import-" + importId + ".csv"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store import " + importId, e);
        }
    }

    private static String checksumOf(Path file) {
        try (var in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}", file, e);
        }
    }
}
