package com.seatflow.enrolment;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalDateTime;

import javax.sql.DataSource;

import org.springframework.batch.core.Job;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.item.ItemWriter;
import org.springframework.batch.item.database.JdbcCursorItemReader;
import org.springframework.batch.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code groupProgressReport} job: one CSV per group with members, {@code <org>_<group>_progress_<date>.csv} in
 * {@code ${seatflow.data-dir}/reports/}, the same content as the group's progress.csv download. Runs on its schedule
 * in {@code batch-jobs/schedules.yml} (Mondays at 06:00 UTC by default). A file appears complete or not at all.
 */
@Configuration(proxyBeanMethods = false)
class GroupProgressReportJobConfiguration {

    record ReportedGroup(long id, String orgCode, String groupCode) {

        String fileName(LocalDate date) {
            return safe(orgCode) + "_" + safe(groupCode) + "_progress_" + date + ".csv";
        }

        private static String safe(String code) {
            return code.replaceAll("[^A-Za-z0-9._-]", "_");
        }
    }

    @Bean
    ProgressReports progressReports(@Value("${seatflow.data-dir}/reports") Path folder) {
        return new ProgressReports(folder);
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<ReportedGroup> groupsWithMembersReader(DataSource dataSource) {
        return new JdbcCursorItemReaderBuilder<ReportedGroup>().name("groupsWithMembers").dataSource(dataSource)
                .sql("""
                        SELECT g.id, o.code AS org_code, g.code AS group_code
                          FROM learner_group g JOIN organisation o ON o.id = g.org_id
                         WHERE EXISTS (SELECT 1 FROM group_member m WHERE m.group_id = g.id)
                         ORDER BY g.id""")
                .rowMapper(new DataClassRowMapper<>(ReportedGroup.class)).build();
    }

    @Bean
    @StepScope
    ItemWriter<ReportedGroup> progressFileWriter(EnrolmentManagement enrolments, ProgressReports reports,
            @Value("#{jobParameters['runAt']}") LocalDateTime runAt) {
        LocalDate date = runAt.toLocalDate();
        return groups -> {
            Files.createDirectories(reports.folder());
            for (ReportedGroup group : groups) {
                write(enrolments, group, reports.folder().resolve(group.fileName(date)));
            }
        };
    }

    private static void write(EnrolmentManagement enrolments, ReportedGroup group, Path file) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            ProgressCsv.write(enrolments.progressOfGroup(group.id()), out);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Bean
    Job groupProgressReport(JobRepository jobs, PlatformTransactionManager tx,
            JdbcCursorItemReader<ReportedGroup> groupsWithMembersReader, ItemWriter<ReportedGroup> progressFileWriter) {
        var writeFiles = new StepBuilder("writeGroupProgressFiles", jobs)
                .<ReportedGroup, ReportedGroup>chunk(50, tx)
                .reader(groupsWithMembersReader)
                .writer(progressFileWriter)
                .build();
        return new JobBuilder("groupProgressReport", jobs).start(writeFiles).build();
    }
}
