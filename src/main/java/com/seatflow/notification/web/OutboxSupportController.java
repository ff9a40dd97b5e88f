package com.seatflow.notification.web;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.seatflow.notification.OutboxSupport;

/** Support reads the outbox's counts and sends FAILED mails again (under /api/support: support only). */
@RestController
class OutboxSupportController {

    private final OutboxSupport outbox;

    OutboxSupportController(OutboxSupport outbox) {
        this.outbox = outbox;
    }

    record Retried(int retried) {
    }

    @GetMapping("/api/support/outbox")
    Map<String, Long> counts() {
        return outbox.countsByStatus();
    }

    @PostMapping("/api/support/outbox/retry-failed")
    Retried retryFailed() {
        return new Retried(outbox.retryFailed());
    }
}
