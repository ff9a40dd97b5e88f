package com.seatflow.licensing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.licensing.LicensingManagement.Product;
import com.seatflow.licensing.LicensingManagement.ProgrammeRun;
import com.seatflow.platform.ConflictException;
import com.seatflow.platform.NotFoundException;

/** The provider's products and programme runs, and their codes (unique, changeable, validated). */
@Service
public class ProductCatalogue {

    private static final Pattern CODE = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
    private static final List<String> KINDS = List.of("COURSE", "MODULE", "PROGRAMME");

    private final JdbcClient jdbc;
    private final LicensingManagement licensing;

    ProductCatalogue(JdbcClient jdbc, LicensingManagement licensing) {
        this.jdbc = jdbc;
        this.licensing = licensing;
    }

    public List<Product> products() {
        return jdbc.sql("SELECT id, code, name, kind FROM product ORDER BY code").query(Product.class).list();
    }

    public Optional<Product> product(String code) {
        return licensing.findProduct(code);
    }

    public Product requireProgramme(String code) {
        Product product = product(code).orElseThrow(() -> new NotFoundException("No programme with code '" + code + "'"));
        if (!"PROGRAMME".equals(product.kind())) {
            throw new IllegalArgumentException("'" + code + "' is a " + product.kind().toLowerCase(Locale.ROOT)
                    + ", not a programme");
        }
        return product;
    }

    public List<ProgrammeRun> runs(long programmeId) {
        return jdbc.sql("SELECT id, product_id, code FROM programme_run WHERE product_id = ? ORDER BY code")
                .param(programmeId).query(ProgrammeRun.class).list();
    }

    public ProgrammeRun requireRun(Product programme, String runCode) {
        return licensing.findRun(programme.id(), runCode)
                .orElseThrow(() -> new NotFoundException("Programme " + programme.code() + " has no run '" + runCode + "'"));
    }

    @Transactional
    public Product create(String code, String name, String kind) {
        checkCode(code);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind must be one of " + KINDS + ", was '" + kind + "'");
        }
        if (product(code).isPresent()) {
            throw new ConflictException("A product with code '" + code + "' already exists");
        }
        jdbc.sql("INSERT INTO product (code, name, kind) VALUES (?, ?, ?)").params(code, name.strip(), kind).update();
        return product(code).orElseThrow();
    }

    @Transactional
    public ProgrammeRun addRun(String programmeCode, String runCode) {
        Product programme = requireProgramme(programmeCode);
        checkCode(runCode);
        if (runs(programme.id()).stream().anyMatch(r -> r.code().equals(runCode))) {
            throw new ConflictException("Programme " + programmeCode + " already has a run '" + runCode + "'");
        }
        jdbc.sql("INSERT INTO programme_run (product_id, code) VALUES (?, ?)").params(programme.id(), runCode).update();
        return requireRun(programme, runCode);
    }

    @Transactional
    public Product changeCode(String code, String newCode) {
        Product product = product(code).orElseThrow(() -> new NotFoundException("No product with code '" + code + "'"));
        checkCode(newCode);
        if (product(newCode).isPresent()) {
            throw new ConflictException("A product with code '" + newCode + "' already exists");
        }
        jdbc.sql("UPDATE product SET code = ? WHERE id = ?").params(newCode, product.id()).update();
        return product(newCode).orElseThrow();
    }

    @Transactional
    public ProgrammeRun changeRunCode(String programmeCode, String runCode, String newRunCode) {
        Product programme = requireProgramme(programmeCode);
        ProgrammeRun run = requireRun(programme, runCode);
        checkCode(newRunCode);
        if (runs(programme.id()).stream().anyMatch(r -> r.code().equals(newRunCode))) {
            throw new ConflictException("Programme " + programmeCode + " already has a run '" + newRunCode + "'");
        }
        jdbc.sql("UPDATE programme_run SET code = ? WHERE id = ?").params(newRunCode, run.id()).update();
        return requireRun(programme, newRunCode);
    }

    private static void checkCode(String code) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("code is required: 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code '" + code
                    + "' is not valid: use 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }
}
