package com.seatflow.chain;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes an audit row for every request a chain manager makes inside a member organisation, once the response's
 * status is known. {@link OrgAccess} marks such requests when it lets them through.
 */
class ChainAuditFilter extends OncePerRequestFilter {

    private final AuditLog auditLog;

    ChainAuditFilter(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            if (request.getAttribute(ActingInMember.ATTRIBUTE) instanceof ActingInMember acting) {
                auditLog.record(acting, request.getMethod(), request.getRequestURI(), status);
            }
        }
    }
}
