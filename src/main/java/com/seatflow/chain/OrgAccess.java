package com.seatflow.chain;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

import com.seatflow.organisation.OrgRoles;
import com.seatflow.platform.AccessRefusal;
import com.seatflow.platform.ApiSecurity;

/**
 * Who may call {@code /api/orgs/{org}/**}: the organisation's own admins, support, and the admins of the head of the
 * chain the organisation is an ACTIVE member of (chain managers). The chain is looked up on every request (one
 * indexed query, only for callers who are neither), so leaving or removal ends access with the next request.
 * A chain manager's own-org-only paths are the member's chain membership, audit log, team and programme permissions.
 */
@Component
class OrgAccess implements AuthorizationManager<RequestAuthorizationContext> {

    /**
     * What stays with the member's own admins: its chain membership and audit log, and who its administrators and
     * programme staff are (a chain manager adding themselves there would keep the access after the link ends).
     */
    private static final RequestMatcher OWN_ADMINS_ONLY = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/api/orgs/{org}/chain/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/api/orgs/{org}/audit/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/api/orgs/{org}/team/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/api/orgs/{org}/programme-permissions/**"));

    private final ChainLinks links;

    /** Learning managers run their organisation's bulk programme invitations (the import API checks the format). */
    private static final RequestMatcher IMPORTS = PathPatternRequestMatcher.withDefaults()
            .matcher("/api/orgs/{org}/imports/**");

    /** Programme learner admins reach the import list and single imports only; the import API narrows both. */
    private static final RequestMatcher PROGRAMME_IMPORTS = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/api/orgs/{org}/imports"),
            PathPatternRequestMatcher.withDefaults().matcher("/api/orgs/{org}/imports/{id:\\d+}"),
            PathPatternRequestMatcher.withDefaults().matcher("/api/orgs/{org}/imports/{id:\\d+}/*"));

    OrgAccess(ChainLinks links) {
        this.links = links;
    }

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        Authentication auth = authentication.get();
        String org = context.getVariables().get("org");
        List<String> groups = !ApiSecurity.isSignedIn(auth) ? List.of()
                : auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        if (OrgRoles.mayActOn(groups, org)) {
            return new AuthorizationDecision(true);
        }
        if (groups.isEmpty()) {
            return new AccessRefusal("Sign in as an admin of organisation " + org);
        }
        HttpServletRequest request = context.getRequest();
        if (IMPORTS.matches(request) && groups.contains(OrgRoles.learningManagers(org))) {
            return new AuthorizationDecision(true);
        }
        if (PROGRAMME_IMPORTS.matches(request) && !OrgRoles.administeredProgrammes(groups, org).isEmpty()) {
            return new AuthorizationDecision(true);
        }
        Optional<String> head = links.activeHeadCodeOf(org);
        if (head.isEmpty() || !groups.contains(OrgRoles.adminGroup(head.get()))) {
            return new AccessRefusal("You are not an admin of organisation " + org + ", and " + org
                    + " is not an active member of a chain your organisation heads");
        }
        // a chain manager acting inside a member: audited whatever the answer, refusals included
        request.setAttribute(ActingInMember.ATTRIBUTE, new ActingInMember(auth.getName(), head.get(), org));
        if (OWN_ADMINS_ONLY.matches(request)) {
            return new AccessRefusal("Only the admins of organisation " + org + " (and support) may manage its chain"
                    + " membership, administrators and programme permissions and read its audit log; chain managers"
                    + " may not");
        }
        return new AuthorizationDecision(true);
    }
}
